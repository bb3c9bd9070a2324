using System.Globalization;
using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>Owner, mode, times and extended attributes of an entry relative to a directory fd, never following a final symlink.</summary>
public static class FileSystemMetadata
{
    public static void SetOwner(SafeFdHandle dir, string name, uint uid, uint gid) =>
        Check(fchownat(dir, name, uid, gid, AT_SYMLINK_NOFOLLOW), "fchownat", name);

    /// <summary>Sets all twelve mode bits; fails with EOPNOTSUPP on a symlink, which has no mode of its own.</summary>
    public static void SetMode(SafeFdHandle dir, string name, UnixFileMode mode) =>
        Check(fchmodat(dir, name, (uint)mode, AT_SYMLINK_NOFOLLOW), "fchmodat", name);

    /// <summary>Sets all twelve mode bits of <paramref name="path"/> itself (never a symlink's target).</summary>
    public static void SetMode(string path, UnixFileMode mode) =>
        Check(fchmodat(AT_FDCWD, path, (uint)mode, AT_SYMLINK_NOFOLLOW), "fchmodat", path);

    public static unsafe void SetTimes(SafeFdHandle dir, string name, DateTimeOffset accessTime, DateTimeOffset modificationTime)
    {
        var times = stackalloc Timespec[2];
        times[0] = ToTimespec(accessTime);
        times[1] = ToTimespec(modificationTime);
        Check(utimensat(dir, name, times, AT_SYMLINK_NOFOLLOW), "utimensat", name);
    }

    /// <summary>Sets an extended attribute on <paramref name="name"/> (<c>.</c> for the directory itself).</summary>
    public static unsafe void SetXattr(SafeFdHandle dir, string name, string key, ReadOnlySpan<byte> value)
    {
        // There is no *at form of setxattr before Linux 6.13; the fd's /proc link is the directory itself.
        var added = false;
        try
        {
            dir.DangerousAddRef(ref added);
            var path = string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{dir.DangerousFd}/{name}");
            fixed (byte* bytes = value)
            {
                Check(lsetxattr(path, key, bytes, (nuint)value.Length, 0), "lsetxattr", name);
            }
        }
        finally
        {
            if (added)
            {
                dir.DangerousRelease();
            }
        }
    }

    /// <summary>An extended attribute of <paramref name="path"/> itself, or null if it has none by that name.</summary>
    public static unsafe byte[]? GetXattr(string path, string key)
    {
        const int XattrSizeMax = 65536;
        var buffer = new byte[XattrSizeMax];
        fixed (byte* bytes = buffer)
        {
            var size = lgetxattr(path, key, bytes, (nuint)buffer.Length);
            if (size < 0)
            {
                var error = LinuxException.FromLastError("lgetxattr", path);
                return error.Errno == Errno.ENODATA ? null : throw error;
            }

            return buffer.AsSpan(0, (int)size).ToArray();
        }
    }

    private static Timespec ToTimespec(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new Timespec { Seconds = seconds, Nanoseconds = remainder * 100 };
    }

    private static void Check(int result, string syscall, string path)
    {
        if (result < 0)
        {
            throw LinuxException.FromLastError(syscall, path);
        }
    }
}
