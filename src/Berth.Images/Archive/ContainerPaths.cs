using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>
/// Paths inside a container's root, looked up only as the container would (openat2 RESOLVE_IN_ROOT): an absolute
/// symlink or ".." never leads out of the root, so no link planted in a container can make the daemon read or write
/// a host file (the CVE-2018-15664 class). Paths are cleaned as Go's filepath.Join("/", path) cleans them.
/// </summary>
public static class ContainerPaths
{
    private const int MaxLinks = 255;

    /// <summary>
    /// moby's containerFSView.Stat: the entry at <paramref name="path"/>, its final symlink not followed unless the
    /// path ends in "/" or "/."; null if it does not exist.
    /// </summary>
    public static ContainerPathStat? Stat(SafeFdHandle root, string path)
    {
        var absolute = Absolute(path);
        using var entry = RootedLookup.Open(root, absolute, FollowsFinal(absolute));
        if (entry is null)
        {
            return null;
        }

        var status = FileTreeReader.Status(entry);
        var target = status.Type == FileSystemNodeType.SymbolicLink ? Resolve(root, absolute) : "";
        return new ContainerPathStat(BaseName(absolute), status.Size, status.Type, status.Mode, status.ModificationTime, target);
    }

    /// <summary>
    /// The tar <c>GET /containers/{id}/archive</c> returns: a directory with everything below it, named by its base
    /// name; anything else as that one entry. Mounts inside the container are crossed, symlinks are never followed.
    /// </summary>
    public static async Task WriteArchiveAsync(SafeFdHandle root, string path, ContainerPathStat stat, Stream output, CancellationToken ct)
    {
        var absolute = Absolute(path);
        if (stat.IsDirectory)
        {
            using var directory = RootedLookup.Open(root, absolute, followFinal: true) ?? throw new LinuxException(Errno.ENOENT, "openat2", absolute);
            await TreeTar.WriteDirectoryAsync(directory, stat.Name == "/" ? "." : stat.Name, output, ct).ConfigureAwait(false);
            return;
        }

        var (parentPath, name) = SplitLast(absolute);
        using var parent = RootedLookup.Open(root, parentPath, followFinal: true) ?? throw new LinuxException(Errno.ENOENT, "openat2", parentPath);
        await TreeTar.WriteEntryAsync(parent, name, name, output, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Where <paramref name="path"/> leads once every symlink on it is followed inside the root (moby's
    /// FollowSymlinkInScope): as far as it exists, the rest appended as written. ELOOP after too many links.
    /// </summary>
    public static string Resolve(SafeFdHandle root, string path)
    {
        var pending = new Stack<string>(Absolute(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var parent = "/" + string.Join('/', resolved);
            using var parentFd = RootedLookup.Open(root, parent, followFinal: true);
            if (parentFd is null || !FileSystemNodes.TryGetStatus(parentFd, part, out var status))
            {
                resolved.Add(part);
                continue;
            }

            if (status.Type != FileSystemNodeType.SymbolicLink)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new LinuxException(Errno.ELOOP, "readlink", path);
            }

            var target = FileTreeReader.ReadLink(parentFd, part);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var next in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(next);
            }
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>Go's filepath.Join("/", path), keeping a trailing "/" or "/." as moby's PreserveTrailingDotOrSeparator does.</summary>
    public static string Absolute(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("" or "."))
            {
                parts.Add(part);
            }
        }

        var clean = "/" + string.Join('/', parts);
        if (clean.Length > 1 && (path.EndsWith("/.", StringComparison.Ordinal) || path == "."))
        {
            return clean + "/.";
        }

        return clean.Length > 1 && path.EndsWith('/') ? clean + "/" : clean;
    }

    private static bool FollowsFinal(string absolute) => absolute.EndsWith('/') || absolute.EndsWith("/.", StringComparison.Ordinal);

    /// <summary>Go's filepath.Base: the last element, trailing slashes dropped; "/" for the root.</summary>
    public static string BaseName(string absolute)
    {
        var trimmed = absolute.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static (string Parent, string Name) SplitLast(string absolute)
    {
        var slash = absolute.LastIndexOf('/');
        return (slash == 0 ? "/" : absolute[..slash], absolute[(slash + 1)..]);
    }
}
