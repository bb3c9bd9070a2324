using Berth.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private volatile bool _shuttingDown;

    /// <summary>After an exit the user did not ask for: whether the restart policy starts the container again.</summary>
    private bool RestartDue(ContainerRecord record, LiveContainer live, int exitCode) =>
        !live.StopRequested && !_shuttingDown &&
        RestartPolicy.ShouldRestart(record.Host.RestartPolicy, exitCode, record.RestartCount, record.ManuallyStopped);

    /// <summary>Starts the container again after the policy's back-off; `stop`, `kill` or `rm -f` cancel the wait.</summary>
    private void ScheduleRestart(string id, LiveContainer live, TimeSpan ranFor)
    {
        live.RestartDelay = RestartPolicy.NextDelay(live.RestartDelay, ranFor);
        var cancel = new CancellationTokenSource();
        live.PendingRestart = cancel;
        _ = RestartAfterDelayAsync(id, live, live.RestartDelay, cancel.Token);
    }

    private async Task RestartAfterDelayAsync(string id, LiveContainer live, TimeSpan delay, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(delay, cancelled).ConfigureAwait(false);
            await live.Lock.WaitAsync(cancelled).ConfigureAwait(false);
            try
            {
                if (cancelled.IsCancellationRequested || _store.ById(id) is not { State.Status: ContainerStatus.Restarting })
                {
                    return;
                }

                live.PendingRestart = null;
                await StartLockedAsync(_store.ById(id)!, live, CancellationToken.None).ConfigureAwait(false);
            }
            catch (BerthException e)
            {
                _log.LogWarning("restarting container {Id} failed: {Error}", id, e.Message);
                await MutateAsync(id, r => r with { State = r.State with { Status = ContainerStatus.Exited } }).ConfigureAwait(false);
            }
            finally
            {
                live.Lock.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // stopped or removed while waiting
        }
    }

    /// <summary>Under the container's lock: a restarting container is between runs, so stopping it only cancels the restart.</summary>
    private async Task<bool> CancelRestartLockedAsync(ContainerRecord record, LiveContainer live)
    {
        if (record.State.Status != ContainerStatus.Restarting)
        {
            return false;
        }

        live.PendingRestart?.Cancel();
        live.PendingRestart = null;
        await MutateAsync(record.Id, r => r with { State = r.State with { Status = ContainerStatus.Exited } }).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// At daemon start, after recovery and networking: the containers their policy brings back with the daemon
    /// (always; unless-stopped unless the user stopped it; on-failure after a failed or interrupted run).
    /// Never-started containers stay created.
    /// </summary>
    public async Task StartWithDaemonAsync(CancellationToken ct)
    {
        var due = _store.All.Where(c => c.State.Status == ContainerStatus.Exited && c.State.StartedAt != default &&
            RestartPolicy.ShouldRestart(c.Host.RestartPolicy, c.State.ExitCode, 0, c.ManuallyStopped)).ToList();
        foreach (var record in due)
        {
            try
            {
                var live = Live(record.Id);
                await live.Lock.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await StartLockedAsync(record, live, ct).ConfigureAwait(false);
                }
                finally
                {
                    live.Lock.Release();
                }
            }
            catch (BerthException e)
            {
                _log.LogWarning("starting container {Id} with the daemon (restart policy {Policy}) failed: {Error}", record.Id, record.Host.RestartPolicy.Name, e.Message);
            }
        }
    }
}
