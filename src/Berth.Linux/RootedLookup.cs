using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Looks paths up inside a container's root as the container would: absolute symlinks and ".." resolve within the
/// root (openat2 RESOLVE_IN_ROOT), so no planted link can reach a host file. Mounts below the root are crossed.
/// </summary>
public static class RootedLookup
{
    /// <summary>
    /// An O_PATH fd of <paramref name="path"/> under <paramref name="root"/>, or null if it (or a directory on its way)
    /// does not exist. A final symlink is followed (within the root) only if <paramref name="followFinal"/>.
    /// </summary>
    public static SafeFdHandle? Open(SafeFdHandle root, string path, bool followFinal)
    {
        var relative = path.TrimStart('/');
        var how = new OpenHow
        {
            Flags = (ulong)(O_PATH | O_CLOEXEC | (followFinal ? 0 : O_NOFOLLOW)),
            Resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
        };
        while (true)
        {
            var fd = openat2(root, relative.Length == 0 ? "." : relative, ref how);
            if (fd >= 0)
            {
                return new SafeFdHandle(fd);
            }

            var error = LinuxException.FromLastError("openat2", path);
            switch (error.Errno)
            {
                case Errno.EINTR or Errno.EAGAIN:
                    // EAGAIN: a concurrent rename made ".." resolution unsafe; the kernel asks us to retry.
                    continue;
                case Errno.ENOENT or Errno.ENOTDIR:
                    return null;
                default:
                    throw error;
            }
        }
    }
}
