using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>How a child ended: an exit code, or the signal that killed it.</summary>
public readonly record struct WaitStatus(int? ExitCode, int? Signal)
{
    /// <summary>As a shell reports it: the exit code, or 128 + the signal.</summary>
    public int ShellCode => ExitCode ?? 128 + (Signal ?? 0);
}

/// <summary>
/// A child of this process (started by us, or adopted as a subreaper), watched through its pidfd:
/// <see cref="WaitForExitAsync"/> completes when it exits and has been reaped.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Lazy<Task<WaitStatus>> _exit;

    public ChildProcess(int pid, PidFdHandle pidFd)
    {
        Pid = pid;
        PidFd = pidFd;
        StrayReaper.Watch(pid);
        _exit = new Lazy<Task<WaitStatus>>(ReapAsync);
    }

    public int Pid { get; }

    public PidFdHandle PidFd { get; }

    /// <summary>Adopts a process by PID (it must be, or become before it exits, our child to be reaped).</summary>
    public static ChildProcess Adopt(int pid) => new(pid, PidFdHandle.Open(pid));

    public Task<WaitStatus> WaitForExitAsync() => _exit.Value;

    private async Task<WaitStatus> ReapAsync()
    {
        await EpollLoop.Shared.WaitAsync(PidFd, write: false, CancellationToken.None).ConfigureAwait(false);
        while (true)
        {
            if (Interop.Libc.waitid(Interop.Libc.P_PIDFD, PidFd.DangerousFd, out var info, Interop.Libc.WEXITED) == 0)
            {
                StrayReaper.Unwatch(Pid);
                return info.Code == Interop.Libc.CLD_EXITED ? new WaitStatus(info.Status, null) : new WaitStatus(null, info.Status);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR)
            {
                continue;
            }

            // ECHILD: it exited while not our child (someone else reaped it); its status is unknowable
            StrayReaper.Unwatch(Pid);
            return errno == Errno.ECHILD ? new WaitStatus(null, null) : throw new LinuxException(errno, "waitid");
        }
    }

    public void Dispose() => PidFd.Dispose();
}
