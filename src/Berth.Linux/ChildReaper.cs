using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Learns how a child ended without polling and without a thread per child: the pidfd becomes readable
/// on <see cref="EpollLoop"/>'s one thread, then waitid(P_PIDFD) reaps it.
/// </summary>
public static class ChildReaper
{
    /// <summary>
    /// Completes once the process has exited and been reaped by us. It may not be our child yet: a
    /// container's init is the grandchild of the runtime (crun forks a middle process) until that middle
    /// process exits and the init is reparented to us, a subreaper. Exiting before that, it is a zombie we
    /// cannot reap (waitid: ECHILD); its reparenting raises SIGCHLD here, and the wait resumes then.
    /// </summary>
    public static async Task<WaitStatus> WaitForExitAsync(PidFdHandle pidFd)
    {
        ChildSignals.Listen();
        await EpollLoop.Shared.WaitAsync(pidFd, write: false, CancellationToken.None).ConfigureAwait(false);
        while (true)
        {
            var seen = ChildSignals.Generation;
            if (Interop.Libc.waitid(Interop.Libc.P_PIDFD, pidFd.DangerousFd, out var info, Interop.Libc.WEXITED) == 0)
            {
                return Decode(info);
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case Errno.EINTR:
                    continue;
                case Errno.ECHILD when PidFd.SendSignal(pidFd, 0):
                    // still a zombie, so not reaped by anyone: not ours yet
                    await ChildSignals.NextAsync(seen).ConfigureAwait(false);
                    continue;
                case Errno.ECHILD:
                    // reaped by someone else: the status is gone
                    return new WaitStatus(null, null);
                default:
                    throw new LinuxException(errno, "waitid");
            }
        }
    }

    private static WaitStatus Decode(Interop.Libc.SigInfo info) => info.Code switch
    {
        Interop.Libc.CLD_EXITED => new WaitStatus(info.Status, null),
        Interop.Libc.CLD_KILLED or Interop.Libc.CLD_DUMPED => new WaitStatus(null, info.Status),
        _ => new WaitStatus(null, null),
    };
}
