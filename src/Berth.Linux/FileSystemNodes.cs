using Microsoft.Win32.SafeHandles;
using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Directory entries made, opened and removed relative to a directory fd, never following a symlink:
/// what unpacking untrusted archives needs so that no entry can reach outside its root.
/// </summary>
public static class FileSystemNodes
{
    private const ulong StrictlyBeneath = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;

    /// <summary>Opens a trusted directory path as an O_PATH handle, the root for the calls below.</summary>
    public static SafeFdHandle OpenDirectory(string path)
    {
        var how = new OpenHow { Flags = (ulong)(O_PATH | O_DIRECTORY | O_CLOEXEC) };
        var fd = openat2(path, ref how);
        return fd < 0 ? throw LinuxException.FromLastError("openat2", path) : new SafeFdHandle(fd);
    }

    /// <summary>
    /// Opens a directory below <paramref name="root"/> (<c>.</c> for the root itself). Fails with ELOOP if any
    /// component is a symlink, EXDEV if the path leaves the root or its filesystem, ENOTDIR if one is not a directory.
    /// </summary>
    public static SafeFdHandle OpenDirectoryBeneath(SafeFdHandle root, string relativePath)
    {
        var how = new OpenHow { Flags = (ulong)(O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), Resolve = StrictlyBeneath };
        var fd = openat2(root, relativePath, ref how);
        return fd < 0 ? throw LinuxException.FromLastError("openat2", relativePath) : new SafeFdHandle(fd);
    }

    /// <summary>Creates a new regular file (EEXIST if the name is taken, by anything) and opens it for writing.</summary>
    public static SafeFileHandle CreateFile(SafeFdHandle dir, string name, UnixFileMode mode)
    {
        var how = new OpenHow
        {
            Flags = (ulong)(O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC),
            Mode = (ulong)mode,
            Resolve = StrictlyBeneath,
        };
        var fd = openat2(dir, name, ref how);
        return fd < 0 ? throw LinuxException.FromLastError("openat2", name) : new SafeFileHandle(fd, ownsHandle: true);
    }

    public static void CreateDirectory(SafeFdHandle dir, string name, UnixFileMode mode) =>
        Check(mkdirat(dir, name, (uint)mode), "mkdirat", name);

    public static void CreateSymbolicLink(SafeFdHandle dir, string name, string target) =>
        Check(symlinkat(target, dir, name), "symlinkat", name);

    /// <summary>Links <paramref name="name"/> to the existing entry <paramref name="targetName"/>; a symlink target is linked, not followed.</summary>
    public static void CreateHardLink(SafeFdHandle targetDir, string targetName, SafeFdHandle dir, string name) =>
        Check(linkat(targetDir, targetName, dir, name, 0), "linkat", name);

    /// <summary>Makes a character or block device node, or a fifo (major and minor are ignored for a fifo).</summary>
    public static void CreateDevice(SafeFdHandle dir, string name, FileSystemNodeType type, UnixFileMode mode, uint major, uint minor)
    {
        var format = type switch
        {
            FileSystemNodeType.CharacterDevice => S_IFCHR,
            FileSystemNodeType.BlockDevice => S_IFBLK,
            FileSystemNodeType.Fifo => S_IFIFO,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a device or fifo"),
        };
        Check(mknodat(dir, name, format | (uint)mode, makedev(major, minor)), "mknodat", name);
    }

    /// <summary>Unlinks a non-directory, or removes an empty directory.</summary>
    public static void Remove(SafeFdHandle dir, string name, bool directory) =>
        Check(unlinkat(dir, name, directory ? AT_REMOVEDIR : 0), "unlinkat", name);

    /// <summary>The status of the entry itself (lstat); false if there is no such entry.</summary>
    public static bool TryGetStatus(SafeFdHandle dir, string name, out FileSystemStatus status)
    {
        if (statx(dir, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, out var buffer) < 0)
        {
            var error = LinuxException.FromLastError("statx", name);
            status = default;
            return error.Errno == Errno.ENOENT ? false : throw error;
        }

        status = FileSystemStatus.From(buffer);
        return true;
    }

    /// <summary>The status of <paramref name="path"/> itself (lstat); false if it does not exist.</summary>
    public static bool TryGetStatus(string path, out FileSystemStatus status)
    {
        if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, out var buffer) < 0)
        {
            var error = LinuxException.FromLastError("statx", path);
            status = default;
            return error.Errno == Errno.ENOENT ? false : throw error;
        }

        status = FileSystemStatus.From(buffer);
        return true;
    }

    private static void Check(int result, string syscall, string path)
    {
        if (result < 0)
        {
            throw LinuxException.FromLastError(syscall, path);
        }
    }
}
