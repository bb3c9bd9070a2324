using Berth.Engine.Logs;
using Berth.Runtime;

namespace Berth.Engine.Containers;

/// <summary>
/// The in-memory side of one container: its lock, attached clients, log, the running process and
/// the waiters of `wait`. Lives from create (or daemon start) until removal.
/// </summary>
internal sealed class LiveContainer : IDisposable
{
    private TaskCompletionSource<WaitResult> _nextExit = NewResult();
    private readonly TaskCompletionSource<WaitResult> _removed = NewResult();

    public LiveContainer(string id, string logPath)
    {
        Id = id;
        Log = new ContainerLog(logPath);
    }

    public string Id { get; }

    /// <summary>Serialises state transitions (start, stop, remove, pause...).</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public AttachHub Streams { get; } = new();

    public ContainerLog Log { get; }

    public RunningProcess? Process { get; set; }

    /// <summary>Completes when the current run has been fully wound down (state saved, streams ended).</summary>
    public Task? RunFinished { get; set; }

    /// <summary>Set while `stop`/`kill`/`rm -f` winds the container down, so an exit is not a failure.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Set while `docker restart` stops the container: that exit does not remove a --rm container (moby's HasBeenManuallyRestarted).</summary>
    public bool ManualRestart { get; set; }

    /// <summary>Cancels the restart a restart policy has scheduled; null when none is pending.</summary>
    public CancellationTokenSource? PendingRestart { get; set; }

    /// <summary>The restart policy's current back-off (zero until the first automatic restart).</summary>
    public TimeSpan RestartDelay { get; set; }

    public Task<WaitResult> NextExit => _nextExit.Task;

    public Task<WaitResult> Removed => _removed.Task;

    public void CompleteExit(WaitResult result)
    {
        var finished = _nextExit;
        _nextExit = NewResult();
        finished.TrySetResult(result);
    }

    public void CompleteRemoved(WaitResult result) => _removed.TrySetResult(result);

    private static TaskCompletionSource<WaitResult> NewResult() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        Log.Dispose();
        Lock.Dispose();
    }
}

/// <summary>What `wait` returns: the exit code, and an error text when the container could not run.</summary>
public sealed record WaitResult(int StatusCode, string? Error);
