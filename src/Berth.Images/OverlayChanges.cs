using Berth.Images.Archive;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// `docker diff` from a container's overlay upper directory, as moby's OverlayChanges reads one: a 0/0 device or an
/// opaque directory is a deletion, an entry the image layers have is a modification (a directory only if its size,
/// mode or time differ, or something under it was added or deleted), anything else an addition. The runtime's empty
/// mount targets are not changes. Every tree is read through directory fds, never following a symlink.
/// </summary>
public static class OverlayChanges
{
    /// <param name="lowerDirsTopFirst">The image's unpacked layers, top first.</param>
    public static List<FilesystemChange> Compute(string upperDir, IReadOnlyList<string> lowerDirsTopFirst)
    {
        var changes = new List<FilesystemChange>();
        if (!Directory.Exists(upperDir))
        {
            return changes;
        }

        using var upper = FileSystemNodes.OpenDirectory(upperDir);
        var lowers = lowerDirsTopFirst.Select(FileSystemNodes.OpenDirectory).ToList();
        try
        {
            var walk = new Walk(lowers, OverlayDiff.RuntimeLeftovers(upper), changes);
            walk.Directory(upper, "");
        }
        finally
        {
            lowers.ForEach(l => l.Dispose());
        }

        return changes;
    }

    private sealed class Walk(List<SafeFdHandle> lowers, HashSet<string> skip, List<FilesystemChange> changes)
    {
        private readonly HashSet<string> _changedDirs = new(StringComparer.Ordinal);

        public void Directory(SafeFdHandle directory, string prefix)
        {
            foreach (var name in FileTreeReader.Names(directory))
            {
                var relative = prefix + name;
                if (skip.Contains(relative) || (prefix.Length == 0 && name.StartsWith(Whiteout.Prefix + Whiteout.Prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (!FileSystemNodes.TryGetStatus(directory, name, out var status))
                {
                    continue;
                }

                Entry(directory, name, relative, status);
                if (status.IsDirectory)
                {
                    using var child = FileTreeReader.OpenDirectory(directory, name, crossMounts: false);
                    Directory(child, relative + "/");
                }
            }
        }

        private void Entry(SafeFdHandle directory, string name, string relative, FileSystemStatus status)
        {
            var path = "/" + relative;
            FilesystemChangeKind kind;
            if (IsDeletion(directory, name, status))
            {
                kind = FilesystemChangeKind.Deleted;
            }
            else if (Lower(relative) is { } lower)
            {
                if (status.IsDirectory && lower.IsDirectory && status.Size == lower.Size && status.Mode == lower.Mode
                    && status.ModificationTime == lower.ModificationTime)
                {
                    // The same as below: there only because something under it changed, which names it if need be.
                    return;
                }

                kind = FilesystemChangeKind.Modified;
            }
            else
            {
                kind = FilesystemChangeKind.Added;
            }

            if (status.IsDirectory)
            {
                _changedDirs.Add(path);
            }

            var parent = path[..path.LastIndexOf('/')];
            if (kind != FilesystemChangeKind.Modified && parent.Length > 0 && _changedDirs.Add(parent))
            {
                changes.Add(new FilesystemChange(parent, FilesystemChangeKind.Modified));
            }

            changes.Add(new FilesystemChange(path, kind));
        }

        private static bool IsDeletion(SafeFdHandle directory, string name, FileSystemStatus status) =>
            status is { Type: FileSystemNodeType.CharacterDevice, RdevMajor: 0, RdevMinor: 0 }
            || (status.IsDirectory && FileTreeReader.GetXattr(directory, name, Whiteout.OpaqueXattr) is [(byte)'y']);

        /// <summary>The entry at <paramref name="relative"/> in the topmost image layer that has one (no symlink on the way followed).</summary>
        private FileSystemStatus? Lower(string relative)
        {
            var slash = relative.LastIndexOf('/');
            var (parent, name) = slash < 0 ? (".", relative) : (relative[..slash], relative[(slash + 1)..]);
            foreach (var lower in lowers)
            {
                try
                {
                    using var directory = FileSystemNodes.OpenDirectoryBeneath(lower, parent);
                    if (FileSystemNodes.TryGetStatus(directory, name, out var status))
                    {
                        return status;
                    }
                }
                catch (LinuxException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP or Errno.EXDEV)
                {
                }
            }

            return null;
        }
    }
}
