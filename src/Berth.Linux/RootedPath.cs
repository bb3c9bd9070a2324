using Microsoft.Win32.SafeHandles;
using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Opens paths inside a container's root as the container would see them: absolute symlinks and ".."
/// resolve within the root (openat2 RESOLVE_IN_ROOT), so a planted link cannot reach a host file.
/// </summary>
public static class RootedPath
{
    /// <summary>Opens a file for reading, or returns null when it (or a directory on its way) does not exist.</summary>
    public static FileStream? OpenRead(string root, string path)
    {
        using var rootFd = Descriptors.Open(root, O_PATH | O_DIRECTORY);
        var how = new OpenHow { Flags = (ulong)(O_RDONLY | O_CLOEXEC), Resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
        while (true)
        {
            var fd = openat2(rootFd, path.TrimStart('/'), ref how);
            if (fd >= 0)
            {
                return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
            }

            var error = LinuxException.FromLastError("openat2", path);
            switch (error.Errno)
            {
                case Errno.EINTR or Errno.EAGAIN:
                    // EAGAIN: a concurrent rename made ".." resolution unsafe; the kernel asks us to retry
                    continue;
                case Errno.ENOENT or Errno.ENOTDIR:
                    return null;
                default:
                    throw error;
            }
        }
    }
}
