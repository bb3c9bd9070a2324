using System.Globalization;

namespace Berth.Linux;

/// <summary>
/// Whole directory trees: removing one and measuring it. The walk goes from directory fd to directory fd and
/// neither follows a symlink nor crosses a mount, so nothing inside the tree (a container may still be changing
/// it) can make it touch anything outside.
/// </summary>
public static class FileSystemTree
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Removes <paramref name="path"/> and everything below it; nothing happens if it does not exist.</summary>
    /// <exception cref="LinuxException">EXDEV if a directory below is a mount point.</exception>
    public static void Remove(string path)
    {
        path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!FileSystemNodes.TryGetStatus(path, out var status))
        {
            return;
        }

        using var parent = FileSystemNodes.OpenDirectory(Path.GetDirectoryName(path) ?? "/");
        RemoveEntry(parent, Path.GetFileName(path), status);
    }

    /// <summary>Removes the entry <paramref name="name"/> of <paramref name="parent"/> and everything below it, if it exists.</summary>
    /// <exception cref="LinuxException">EXDEV if a directory below is a mount point.</exception>
    public static void Remove(SafeFdHandle parent, string name)
    {
        if (FileSystemNodes.TryGetStatus(parent, name, out var status))
        {
            RemoveEntry(parent, name, status);
        }
    }

    /// <summary>
    /// Bytes in the tree as Docker counts a layer or a container's changes: the sizes of all
    /// non-directories (a symlink counts its target's length), each hard-linked inode once.
    /// Mounted directories below are not counted.
    /// </summary>
    public static long ApparentSize(string path)
    {
        if (!FileSystemNodes.TryGetStatus(path, out var status))
        {
            return 0;
        }

        if (!status.IsDirectory)
        {
            return status.Size;
        }

        using var dir = FileSystemNodes.OpenDirectory(path);
        return SizeBelow(dir, []);
    }

    private static void RemoveEntry(SafeFdHandle parent, string name, FileSystemStatus status)
    {
        if (!status.IsDirectory)
        {
            FileSystemNodes.Remove(parent, name, directory: false);
            return;
        }

        // Without rwx on a directory its owner cannot empty it (root can, but a non-root caller may get here).
        if ((status.Mode & OwnerAll) != OwnerAll)
        {
            FileSystemMetadata.SetMode(parent, name, status.Mode | OwnerAll);
        }

        using (var dir = FileSystemNodes.OpenDirectoryBeneath(parent, name))
        {
            foreach (var child in NamesIn(dir))
            {
                if (FileSystemNodes.TryGetStatus(dir, child, out var childStatus))
                {
                    RemoveEntry(dir, child, childStatus);
                }
            }
        }

        FileSystemNodes.Remove(parent, name, directory: true);
    }

    private static long SizeBelow(SafeFdHandle dir, HashSet<ulong> linkedInodes)
    {
        long size = 0;
        foreach (var child in NamesIn(dir))
        {
            if (!FileSystemNodes.TryGetStatus(dir, child, out var status))
            {
                continue;
            }

            if (!status.IsDirectory)
            {
                size += status.LinkCount == 1 || linkedInodes.Add(status.Inode) ? status.Size : 0;
                continue;
            }

            try
            {
                using var childDir = FileSystemNodes.OpenDirectoryBeneath(dir, child);
                size += SizeBelow(childDir, linkedInodes);
            }
            catch (LinuxException e) when (e.Errno is Errno.EXDEV or Errno.ELOOP or Errno.ENOENT or Errno.ENOTDIR)
            {
                // A mount point, or an entry that changed under us: not part of this tree's size.
            }
        }

        return size;
    }

    /// <summary>The names in a directory, read through its fd (its /proc link), not through a path that could change.</summary>
    private static List<string> NamesIn(SafeFdHandle dir)
    {
        var added = false;
        try
        {
            dir.DangerousAddRef(ref added);
            var path = string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{dir.DangerousFd}");
            return Directory.EnumerateFileSystemEntries(path).Select(p => Path.GetFileName(p)).ToList();
        }
        finally
        {
            if (added)
            {
                dir.DangerousRelease();
            }
        }
    }
}
