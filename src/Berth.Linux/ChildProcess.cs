namespace Berth.Linux;

/// <summary>
/// A child of this process, started by <see cref="Spawner"/> or adopted as a subreaper, watched through
/// its pidfd: <see cref="WaitForExitAsync"/> completes when it has exited and been reaped.
/// While watched, <see cref="StrayReaper"/> leaves it alone.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Lazy<Task<WaitStatus>> _exit;

    private ChildProcess(int pid, PidFdHandle pidFd)
    {
        Pid = pid;
        PidFd = pidFd;
        _exit = new Lazy<Task<WaitStatus>>(ReapAsync);
    }

    public int Pid { get; }

    public PidFdHandle PidFd { get; }

    /// <summary>Watches a process we just spawned (already registered with <see cref="StrayReaper"/>).</summary>
    internal static ChildProcess Started(int pid)
    {
        try
        {
            return new ChildProcess(pid, Linux.PidFd.Open(pid));
        }
        catch
        {
            // left to the stray reaper
            StrayReaper.Unwatch(pid);
            throw;
        }
    }

    /// <summary>
    /// Watches a process by PID: one that is our child, or will be reparented to us, a subreaper (see
    /// <see cref="ChildReaper.WaitForExitAsync"/>). It must not have been reaped yet.
    /// </summary>
    public static ChildProcess Adopt(int pid)
    {
        StrayReaper.Watch(pid);
        try
        {
            return new ChildProcess(pid, Linux.PidFd.Open(pid));
        }
        catch
        {
            StrayReaper.Unwatch(pid);
            throw;
        }
    }

    public Task<WaitStatus> WaitForExitAsync() => _exit.Value;

    private async Task<WaitStatus> ReapAsync()
    {
        try
        {
            return await ChildReaper.WaitForExitAsync(PidFd).ConfigureAwait(false);
        }
        finally
        {
            StrayReaper.Unwatch(Pid);
        }
    }

    public void Dispose() => PidFd.Dispose();
}
