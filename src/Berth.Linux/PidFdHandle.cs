namespace Berth.Linux;

/// <summary>A process file descriptor: readable once the process has exited; signals go to exactly that process.</summary>
public sealed class PidFdHandle : SafeFdHandle
{
    public PidFdHandle(int fd)
        : base(fd)
    {
    }

    public static PidFdHandle Open(int pid)
    {
        var fd = Interop.Libc.pidfd_open(pid, 0);
        return fd < 0 ? throw LinuxException.FromLastError("pidfd_open", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) : new PidFdHandle(fd);
    }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    public bool Signal(int signal)
    {
        if (Interop.Libc.pidfd_send_signal(this, signal, 0, 0) == 0)
        {
            return true;
        }

        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == Errno.ESRCH ? false : throw new LinuxException(errno, "pidfd_send_signal");
    }
}
