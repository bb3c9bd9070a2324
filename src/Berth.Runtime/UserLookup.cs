using System.Globalization;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Runtime;

/// <summary>The numeric identity a process runs as.</summary>
public sealed record ResolvedUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);

/// <summary>
/// Resolves Docker's -u forms (name, uid, name:group, uid:gid...) against the container's own
/// /etc/passwd and /etc/group, read inside its root so that its symlinks cannot point us at host files.
/// </summary>
public static class UserLookup
{
    public static ResolvedUser Resolve(string rootfs, string? user)
    {
        var spec = string.IsNullOrEmpty(user) ? "0" : user;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon < 0 ? spec : spec[..colon];
        var groupPart = colon < 0 ? null : spec[(colon + 1)..];

        var passwd = ReadEntries(rootfs, "/etc/passwd");
        var groups = ReadEntries(rootfs, "/etc/group");

        uint uid;
        uint gid = 0;
        var home = "/";
        string? userName = null;
        var numericUser = uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uid);
        var entry = passwd.FirstOrDefault(p => p.Length >= 7 && (numericUser ? p[2] == userPart : p[0] == userPart));
        if (entry is not null)
        {
            userName = entry[0];
            uid = uint.Parse(entry[2], CultureInfo.InvariantCulture);
            gid = uint.TryParse(entry[3], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
            home = entry[5];
        }
        else if (!numericUser)
        {
            throw Errors.InvalidArgument($"unable to find user {userPart}: no matching entries in passwd file");
        }

        if (groupPart is not null)
        {
            if (uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out var numericGroup))
            {
                gid = numericGroup;
            }
            else
            {
                var group = groups.FirstOrDefault(g => g.Length >= 3 && g[0] == groupPart)
                    ?? throw Errors.InvalidArgument($"unable to find group {groupPart}: no matching entries in group file");
                gid = uint.Parse(group[2], CultureInfo.InvariantCulture);
            }
        }

        var additional = userName is null
            ? []
            : groups.Where(g => g.Length >= 4 && g[3].Split(',').Contains(userName))
                .Select(g => uint.TryParse(g[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : uint.MaxValue)
                .Where(id => id != uint.MaxValue && id != gid)
                .Distinct()
                .ToList();
        return new ResolvedUser(uid, gid, additional, home);
    }

    private static List<string[]> ReadEntries(string rootfs, string path)
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
            if (line.Length > 0 && line[0] != '#')
            {
                entries.Add(line.Split(':'));
            }
        }

        return entries;
    }
}
