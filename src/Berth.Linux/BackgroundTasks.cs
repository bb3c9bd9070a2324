using System.Collections.Concurrent;

namespace Berth.Linux;

/// <summary>Work started without its caller waiting for it, kept until it ends so that all of it can be waited for.</summary>
public sealed class BackgroundTasks
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Runs <paramref name="work"/> on the thread pool; its failure is for <paramref name="work"/> to report.</summary>
    public void Run(Func<Task> work)
    {
        var task = Task.Run(work);
        _running.TryAdd(task, 0);

        // added first: a task that has already ended is removed at once
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when everything started so far has ended; never throws.</summary>
    public async Task DrainAsync()
    {
        if (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
