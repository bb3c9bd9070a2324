using System.Globalization;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>pidfd_open(2) and pidfd_send_signal(2): a handle on a process that a reused PID can never redirect.</summary>
public static class PidFd
{
    /// <summary>Opens a pidfd; the process may already be a zombie, but must not have been reaped.</summary>
    public static PidFdHandle Open(int pid)
    {
        var fd = Interop.Libc.pidfd_open(pid, 0);
        return fd < 0 ? throw LinuxException.FromLastError("pidfd_open", pid.ToString(CultureInfo.InvariantCulture)) : new PidFdHandle(fd);
    }

    /// <summary>Sends a signal; false when the process has already exited.</summary>
    public static bool SendSignal(PidFdHandle pidFd, int signal)
    {
        if (Interop.Libc.pidfd_send_signal(pidFd, signal, 0, 0) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Errno.ESRCH ? false : throw new LinuxException(errno, "pidfd_send_signal");
    }
}
