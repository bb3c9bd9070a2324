using Microsoft.Win32.SafeHandles;
using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Opens paths inside a container's root as the container would see them: absolute symlinks and ".."
/// resolve within the root (openat2 RESOLVE_IN_ROOT), so a planted link cannot reach a host file.
/// </summary>
public static class RootedPath
{
    /// <summary>Opens a file for reading, or returns null when it does not exist.</summary>
    public static FileStream? OpenRead(string root, string path)
    {
        using var rootFd = FileSystemNodes.OpenDirectory(root);
        var how = new OpenHow { Flags = (ulong)(O_RDONLY | O_CLOEXEC), Resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
        var fd = openat2(rootFd, path.TrimStart('/'), ref how);
        if (fd < 0)
        {
            var error = LinuxException.FromLastError("openat2", path);
            return error.Errno is Errno.ENOENT or Errno.ENOTDIR ? null : throw error;
        }

        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
    }
}
