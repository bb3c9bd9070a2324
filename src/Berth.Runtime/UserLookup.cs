using System.Globalization;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Runtime;

/// <summary>
/// Resolves Docker's -u forms (<c>""</c>, name, uid, name:group, uid:gid, name:gid...) against the
/// container's own /etc/passwd and /etc/group as moby/sys/user does, reading them inside the rootfs so
/// that a symlink there cannot point us at a host file.
/// </summary>
public static class UserLookup
{
    public static ResolvedUser Resolve(string rootfs, string? user)
    {
        var spec = string.IsNullOrEmpty(user) ? "0" : user;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var userArg = colon < 0 ? spec : spec[..colon];
        var groupArg = colon < 0 ? "" : spec[(colon + 1)..];

        var passwd = ReadEntries(rootfs, "/etc/passwd", 7);
        var numericUser = TryParseId(userArg, out var uid);
        var entry = passwd.FirstOrDefault(p => numericUser ? TryParseId(p[2], out var id) && id == uid : p[0] == userArg);
        if (entry is null && !numericUser)
        {
            throw Errors.InvalidArgument($"unable to find user {userArg}: no matching entries in passwd file");
        }

        uint gid = 0;
        var home = "/";
        if (entry is not null)
        {
            uid = TryParseId(entry[2], out var u) ? u : uid;
            gid = TryParseId(entry[3], out var g) ? g : 0;
            home = entry[5];
        }

        var additional = new List<uint>();
        if (groupArg.Length > 0 || entry is not null)
        {
            var groups = ReadEntries(rootfs, "/etc/group", 4);
            if (groupArg.Length > 0)
            {
                var numericGroup = TryParseId(groupArg, out var requested);
                if (numericGroup)
                {
                    gid = requested;
                }
                else
                {
                    var group = groups.FirstOrDefault(g => g[0] == groupArg)
                        ?? throw Errors.InvalidArgument($"unable to find group {groupArg}: no matching entries in group file");
                    gid = TryParseId(group[2], out var g) ? g : 0;
                }
            }
            else
            {
                // supplementary groups only in the implicit form, as in Docker: those listing the user by name
                additional.AddRange(groups
                    .Where(g => g[3].Split(',').Contains(entry![0]))
                    .Select(g => TryParseId(g[2], out var id) ? (uint?)id : null)
                    .OfType<uint>());
            }
        }

        return new ResolvedUser(uid, gid, [gid, .. additional.Where(g => g != gid).Distinct()], home);
    }

    private static bool TryParseId(string text, out uint id) => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    /// <summary>The colon-separated entries of a file inside the rootfs with at least <paramref name="fields"/> fields.</summary>
    private static List<string[]> ReadEntries(string rootfs, string path, int fields)
    {
        using var file = RootedPath.OpenRead(rootfs, path);
        if (file is null)
        {
            return [];
        }

        using var reader = new StreamReader(file);
        var entries = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Split(':');
            if (line.Length > 0 && line[0] != '#' && entry.Length >= fields)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
