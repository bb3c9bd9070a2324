using System.Globalization;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>kill(2) by PID, for processes we hold no pidfd for (prefer <see cref="PidFd.SendSignal"/>).</summary>
public static class ProcessSignals
{
    /// <summary>Sends a signal; false when no such process exists.</summary>
    public static bool Kill(int pid, int signal)
    {
        if (Interop.Libc.kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Errno.ESRCH ? false : throw new LinuxException(errno, "kill", pid.ToString(CultureInfo.InvariantCulture));
    }
}
