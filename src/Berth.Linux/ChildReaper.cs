using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Learns how a child ended without polling and without a thread per child: the pidfd becomes readable
/// on <see cref="EpollLoop"/>'s one thread, then waitid(P_PIDFD) reaps it.
/// </summary>
public static class ChildReaper
{
    /// <summary>
    /// Completes once the process has exited and been reaped. A process that is not yet our child (a
    /// container's init while its runtime still runs) may exit first: waitid then fails with ECHILD
    /// until it is reparented to us, a subreaper, which has happened once <paramref name="reparented"/>
    /// (the exit of the process standing between us) completes; so the wait resumes after that.
    /// </summary>
    public static async Task<WaitStatus> WaitForExitAsync(PidFdHandle pidFd, Task? reparented = null)
    {
        await EpollLoop.Shared.WaitAsync(pidFd, write: false, CancellationToken.None).ConfigureAwait(false);
        while (true)
        {
            if (Interop.Libc.waitid(Interop.Libc.P_PIDFD, pidFd.DangerousFd, out var info, Interop.Libc.WEXITED) == 0)
            {
                return Decode(info);
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case Errno.EINTR:
                    continue;
                case Errno.ECHILD when reparented is not null:
                    await reparented.ConfigureAwait(false);
                    reparented = null;
                    continue;
                case Errno.ECHILD:
                    // reaped by someone else (never reparented to us): the status is gone
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
