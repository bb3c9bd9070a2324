using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Small operations on raw descriptors: pipes, flags, read and write returning errno.</summary>
public static class Descriptors
{
    /// <summary>A pipe, both ends close-on-exec.</summary>
    public static unsafe (SafeFdHandle Read, SafeFdHandle Write) Pipe()
    {
        var fds = stackalloc int[2];
        if (Interop.Libc.pipe2(fds, Interop.Libc.O_CLOEXEC) != 0)
        {
            throw LinuxException.FromLastError("pipe2");
        }

        return (new SafeFdHandle(fds[0]), new SafeFdHandle(fds[1]));
    }

    /// <summary>A second descriptor for the same open file (close-on-exec).</summary>
    public static SafeFdHandle Duplicate(SafeFdHandle fd)
    {
        const int F_DUPFD_CLOEXEC = 1030;
        var copy = Interop.Libc.fcntl(fd, F_DUPFD_CLOEXEC, 0);
        return copy < 0 ? throw LinuxException.FromLastError("fcntl(F_DUPFD_CLOEXEC)") : new SafeFdHandle(copy);
    }

    public static SafeFdHandle OpenDevNull(bool write)
    {
        var fd = Interop.Libc.open("/dev/null", (write ? Interop.Libc.O_WRONLY : 0) | Interop.Libc.O_CLOEXEC, 0);
        return fd < 0 ? throw LinuxException.FromLastError("open", "/dev/null") : new SafeFdHandle(fd);
    }

    public static void SetNonBlocking(SafeFdHandle fd)
    {
        var flags = Interop.Libc.fcntl(fd, Interop.Libc.F_GETFL, 0);
        if (flags < 0 || Interop.Libc.fcntl(fd, Interop.Libc.F_SETFL, flags | Interop.Libc.O_NONBLOCK) < 0)
        {
            throw LinuxException.FromLastError("fcntl");
        }
    }

    public static unsafe (int Count, int Errno) Read(SafeFdHandle fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Interop.Libc.read(fd, p, (nuint)buffer.Length);
            return n < 0 ? (-1, Marshal.GetLastPInvokeError()) : ((int)n, 0);
        }
    }

    public static unsafe (int Count, int Errno) Write(SafeFdHandle fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Interop.Libc.write(fd, p, (nuint)buffer.Length);
            return n < 0 ? (-1, Marshal.GetLastPInvokeError()) : ((int)n, 0);
        }
    }
}
