using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Reading a directory tree from directory fd to directory fd (for archiving it): one name at a time, never following
/// a symlink, so whatever the tree holds (a container may be changing it) cannot lead a reader outside it.
/// </summary>
public static class FileTreeReader
{
    private const ulong OneNameBeneath = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

    /// <summary>
    /// Opens the directory <paramref name="name"/> of <paramref name="dir"/> (O_PATH). ELOOP if it is a symlink;
    /// EXDEV if it is a mount point and <paramref name="crossMounts"/> is false.
    /// </summary>
    public static SafeFdHandle OpenDirectory(SafeFdHandle dir, string name, bool crossMounts)
    {
        var how = new OpenHow
        {
            Flags = (ulong)(O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
            Resolve = crossMounts ? OneNameBeneath : OneNameBeneath | RESOLVE_NO_XDEV,
        };
        var fd = openat2(dir, name, ref how);
        return fd < 0 ? throw LinuxException.FromLastError("openat2", name) : new SafeFdHandle(fd);
    }

    /// <summary>
    /// Opens the regular file <paramref name="name"/> of <paramref name="dir"/> for reading. Non-blocking, so an
    /// entry swapped for a fifo since it was looked at cannot stall the reader; ELOOP if it is a symlink.
    /// </summary>
    public static SafeFileHandle OpenFile(SafeFdHandle dir, string name)
    {
        var how = new OpenHow { Flags = (ulong)(O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), Resolve = OneNameBeneath };
        var fd = openat2(dir, name, ref how);
        return fd < 0 ? throw LinuxException.FromLastError("openat2", name) : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The names in a directory, in byte order (as Go's filepath.Walk visits them), read through its fd.</summary>
    public static List<string> Names(SafeFdHandle dir)
    {
        var names = WithFdPath(dir, null, path => Directory.EnumerateFileSystemEntries(path).Select(p => Path.GetFileName(p)).ToList());
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The target of the symlink <paramref name="name"/> of <paramref name="dir"/>.</summary>
    public static unsafe string ReadLink(SafeFdHandle dir, string name)
    {
        const int PathMax = 4096;
        var buffer = stackalloc byte[PathMax];
        var length = readlinkat(dir, name, buffer, PathMax);
        return length < 0
            ? throw LinuxException.FromLastError("readlinkat", name)
            : Encoding.UTF8.GetString(buffer, (int)length);
    }

    /// <summary>An extended attribute of the entry <paramref name="name"/> of <paramref name="dir"/> itself, or null if it has none by that key.</summary>
    public static byte[]? GetXattr(SafeFdHandle dir, string name, string key)
    {
        try
        {
            // As FileSystemMetadata.SetXattr: no *at form of getxattr before Linux 6.13, so through the fd's /proc link.
            return WithFdPath(dir, name, path => FileSystemMetadata.GetXattr(path, key));
        }
        catch (LinuxException e) when (e.Errno is Errno.EOPNOTSUPP)
        {
            return null;
        }
    }

    /// <summary>The status of what <paramref name="fd"/> refers to (which may be a symlink, for an O_PATH|O_NOFOLLOW fd).</summary>
    public static FileSystemStatus Status(SafeHandle fd)
    {
        var added = false;
        try
        {
            fd.DangerousAddRef(ref added);
            if (statx((int)fd.DangerousGetHandle(), "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, out var buffer) < 0)
            {
                throw LinuxException.FromLastError("statx");
            }

            return FileSystemStatus.From(buffer);
        }
        finally
        {
            if (added)
            {
                fd.DangerousRelease();
            }
        }
    }

    private static T WithFdPath<T>(SafeFdHandle dir, string? name, Func<string, T> use)
    {
        var added = false;
        try
        {
            dir.DangerousAddRef(ref added);
            var path = string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{dir.DangerousFd}");
            return use(name is null ? path : path + "/" + name);
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
