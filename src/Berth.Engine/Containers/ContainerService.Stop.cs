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
    public async Task StopAsync(string idOrName, int? timeoutSeconds, string? signal, CancellationToken ct)
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
        catch (BerthException) when (Live(record.Id).RunFinished is { IsCompleted: true })
        {
            // it exited on its own meanwhile
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
                await StopLockedAsync(record, live, stopSignal, timeoutSeconds ?? record.Config.StopTimeout ?? DefaultStopTimeout).ConfigureAwait(false);
                record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            }

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
