using System.Globalization;
using Berth.Core.Errors;
using Berth.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const int DefaultStopTimeout = 10;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>`docker stop`: the stop signal, then SIGKILL after the timeout; 304 when not running.</summary>
    public Task StopAsync(string idOrName, int? timeoutSeconds, string? signal, CancellationToken ct) =>
        StopAsync(idOrName, timeoutSeconds, signal, manual: true, ct);

    /// <param name="manual">The user asked (unless-stopped then stays down across daemon restarts), not the daemon's shutdown.</param>
    private async Task StopAsync(string idOrName, int? timeoutSeconds, string? signal, bool manual, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (!record.State.Status.IsRunning() || live.RunFinished is null)
            {
                throw Errors.AlreadyStopped();
            }

            if (manual)
            {
                record = await MutateAsync(record.Id, r => r with { ManuallyStopped = true }).ConfigureAwait(false);
            }

            var stopSignal = ParseSignal(signal ?? record.Config.StopSignal) ?? SigTerm;
            var timeout = timeoutSeconds ?? record.Config.StopTimeout ?? DefaultStopTimeout;
            await StopLockedAsync(record, live, stopSignal, timeout).ConfigureAwait(false);
            Emit("stop", _store.ById(record.Id) ?? record);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    /// <summary>Signals, waits up to <paramref name="timeout"/> seconds (negative: forever), then kills.</summary>
    private async Task StopLockedAsync(ContainerRecord record, LiveContainer live, int signal, int timeout)
    {
        if (await CancelRestartLockedAsync(record, live).ConfigureAwait(false))
        {
            return;
        }

        var finished = live.RunFinished ?? Task.CompletedTask;
        live.StopRequested = true;
        var runtime = _runtimes.Get(record.Runtime);
        if (record.State.Status == ContainerStatus.Paused)
        {
            await runtime.ResumeAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
        }

        if (signal != SigKill)
        {
            await SignalAsync(runtime, record, signal).ConfigureAwait(false);
            if (timeout < 0)
            {
                await finished.ConfigureAwait(false);
                return;
            }

            if (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(timeout))).ConfigureAwait(false) == finished)
            {
                return;
            }
        }

        await SignalAsync(runtime, record, SigKill).ConfigureAwait(false);
        await finished.ConfigureAwait(false);
    }

    private async Task SignalAsync(IOciRuntime runtime, ContainerRecord record, int signal)
    {
        Emit("kill", record, ("signal", signal.ToString(CultureInfo.InvariantCulture)));
        try
        {
            await runtime.KillAsync(record.Id, signal, all: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BerthException)
        {
            // it may have exited on its own meanwhile: the runtime finds no process once the init is reaped,
            // and the exit reaches us at the same moment
            var live = Live(record.Id);
            if (live.RunFinished is { IsCompleted: true })
            {
                return;
            }

            if (live.Process?.Exited is not { } exited || await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false) != exited)
            {
                throw;
            }
        }
    }

    /// <summary>`docker kill`: any signal (default SIGKILL); with SIGKILL, returns once the container is down.</summary>
    public async Task KillAsync(string idOrName, string? signal, CancellationToken ct)
    {
        var record = Get(idOrName);
        var number = ParseSignal(signal) ?? SigKill;
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (!record.State.Status.IsRunning() || live.RunFinished is null)
            {
                throw Errors.ContainerNotRunning(record.Id);
            }

            // any kill cancels the restart policy until the next start, as moby's ExitOnNext
            record = await MutateAsync(record.Id, r => r with { ManuallyStopped = true }).ConfigureAwait(false);
            live.StopRequested = true;
            if (await CancelRestartLockedAsync(record, live).ConfigureAwait(false))
            {
                return;
            }

            if (number == SigKill)
            {
                await StopLockedAsync(record, live, SigKill, 0).ConfigureAwait(false);
                return;
            }

            await SignalAsync(_runtimes.Get(record.Runtime), record, number).ConfigureAwait(false);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    /// <summary>`docker restart`: stop (if running), then start.</summary>
    public async Task RestartAsync(string idOrName, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (record.State.Status.IsRunning() && live.RunFinished is not null)
            {
                var stopSignal = ParseSignal(signal ?? record.Config.StopSignal) ?? SigTerm;
                live.ManualRestart = true;
                await StopLockedAsync(record, live, stopSignal, timeoutSeconds ?? record.Config.StopTimeout ?? DefaultStopTimeout).ConfigureAwait(false);
                record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            }

            record = await ResetRestartsAsync(record, live).ConfigureAwait(false);
            await StartLockedAsync(record, live, ct).ConfigureAwait(false);
            Emit("restart", _store.ById(record.Id) ?? record);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    private static int? ParseSignal(string? signal) => string.IsNullOrEmpty(signal) ? null : Signals.Parse(signal);
}
