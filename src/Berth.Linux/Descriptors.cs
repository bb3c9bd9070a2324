using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Small operations on descriptors: duplicating, flags, /dev/null, and read/write reporting errno.</summary>
public static class Descriptors
{
    /// <summary>A second descriptor for the same open file, close-on-exec, numbered at least <paramref name="lowest"/>.</summary>
    public static SafeFdHandle Duplicate(SafeFdHandle fd, int lowest = 0)
    {
        var copy = Interop.Libc.fcntl(fd, Interop.Libc.F_DUPFD_CLOEXEC, lowest);
        return copy < 0 ? throw LinuxException.FromLastError("fcntl(F_DUPFD_CLOEXEC)") : new SafeFdHandle(copy);
    }

    public static SafeFdHandle OpenDevNull(bool write) => Open("/dev/null", write ? Interop.Libc.O_WRONLY : Interop.Libc.O_RDONLY);

    /// <summary>open(2) with O_CLOEXEC always added.</summary>
    internal static SafeFdHandle Open(string path, int flags)
    {
        while (true)
        {
            var fd = Interop.Libc.open(path, flags | Interop.Libc.O_CLOEXEC, 0);
            if (fd >= 0)
            {
                return new SafeFdHandle(fd);
            }

            var error = LinuxException.FromLastError("open", path);
            if (error.Errno != Errno.EINTR)
            {
                throw error;
            }
        }
    }

    public static void SetNonBlocking(SafeFdHandle fd)
    {
        var flags = Interop.Libc.fcntl(fd, Interop.Libc.F_GETFL, 0);
        if (flags < 0 || Interop.Libc.fcntl(fd, Interop.Libc.F_SETFL, flags | Interop.Libc.O_NONBLOCK) < 0)
        {
            throw LinuxException.FromLastError("fcntl(F_SETFL)");
        }
    }

    /// <summary>One read(2): the count, or -1 and the errno (EAGAIN and EINTR are the caller's to handle).</summary>
    public static unsafe (int Count, int Errno) Read(SafeFdHandle fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Interop.Libc.read(fd, p, (nuint)buffer.Length);
            return n < 0 ? (-1, Marshal.GetLastPInvokeError()) : ((int)n, 0);
        }
    }

    /// <summary>One write(2): the count, or -1 and the errno.</summary>
    public static unsafe (int Count, int Errno) Write(SafeFdHandle fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Interop.Libc.write(fd, p, (nuint)buffer.Length);
            return n < 0 ? (-1, Marshal.GetLastPInvokeError()) : ((int)n, 0);
        }
    }
}
