using System.Collections.Concurrent;
using System.Text;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Engine.Exec;
using Berth.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Health;

/// <summary>
/// Runs the healthcheck of every running container that has one: an exec of its command after each
/// interval (the start interval during the start period), cut off at the timeout. Follows the engine's
/// own start and die events, so containers need not know about it.
/// </summary>
public sealed class HealthService : IAsyncDisposable
{
    /// <summary>moby keeps this much of a probe's output.</summary>
    private const int MaxOutput = 4096;

    private readonly ContainerService _containers;
    private readonly ExecService _execs;
    private readonly ILogger _log;
    private readonly EventBus.Subscription _subscription;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _checks = new(StringComparer.Ordinal);
    private readonly Task _following;

    public HealthService(ContainerService containers, ExecService execs, EventBus events, ILogger log)
    {
        _containers = containers;
        _execs = execs;
        _log = log;
        _subscription = events.Subscribe(null, null, EventFilter.All);
        _following = FollowAsync();
    }

    private async Task FollowAsync()
    {
        await foreach (var e in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (e.Type != "container")
            {
                continue;
            }

            switch (e.Action)
            {
                case "start":
                    Begin(e.ActorId);
                    break;
                case "die" or "destroy":
                    End(e.ActorId);
                    break;
            }
        }
    }

    private void Begin(string id)
    {
        End(id);
        ContainerRecord record;
        try
        {
            record = _containers.Get(id);
        }
        catch (Core.Errors.BerthException)
        {
            return;
        }

        if (HealthSchedule.For(record.Config.Healthcheck) is not { } schedule)
        {
            return;
        }

        var stop = new CancellationTokenSource();
        _checks[id] = stop;
        _ = CheckAsync(id, schedule, record.State.StartedAt, stop.Token);
    }

    private void End(string id)
    {
        if (_checks.TryRemove(id, out var stop))
        {
            stop.Cancel();
        }
    }

    private async Task CheckAsync(string id, HealthSchedule schedule, DateTime startedAt, CancellationToken stop)
    {
        try
        {
            var status = HealthState.Starting;
            while (true)
            {
                var inStartPeriod = DateTime.UtcNow - startedAt < schedule.StartPeriod;
                await Task.Delay(schedule.NextDelay(inStartPeriod && status == HealthState.Starting), stop).ConfigureAwait(false);
                var probe = await ProbeAsync(id, schedule, stop).ConfigureAwait(false);
                inStartPeriod = probe.Start - startedAt < schedule.StartPeriod;
                if (await _containers.RecordHealthProbeAsync(id, probe, schedule.Retries, inStartPeriod).ConfigureAwait(false) is not { } health)
                {
                    return;
                }

                status = health.Status;
            }
        }
        catch (OperationCanceledException)
        {
            // the container stopped
        }
#pragma warning disable CA1031 // a background check must log, not crash the daemon
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogWarning(e, "health checks of {Id} stopped", id);
        }
    }

    /// <summary>One run of the command; a failure to start it is a failed probe, as in moby.</summary>
    private async Task<HealthProbe> ProbeAsync(string id, HealthSchedule schedule, CancellationToken stop)
    {
        var start = DateTime.UtcNow;
        try
        {
            var exec = _execs.Create(id, new ExecSettings { Cmd = schedule.Command, AttachStdout = true, AttachStderr = true });
            RunningProcess process;
            Task<int> completion;
            try
            {
                (process, completion) = await _execs.StartAsync(exec.Id, detach: false, stop).ConfigureAwait(false);
            }
            finally
            {
                _execs.Discard(exec.Id);
            }

            await using (process.ConfigureAwait(false))
            {
                var output = new BoundedOutput(MaxOutput);
                var reading = Task.WhenAll(new[] { process.Stdout, process.Stderr }.OfType<Stream>().Select(output.ReadAsync));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(schedule.Timeout);
                try
                {
                    var exitCode = await completion.WaitAsync(timeout.Token).ConfigureAwait(false);
                    await reading.ConfigureAwait(false);
                    return new HealthProbe(start, DateTime.UtcNow, exitCode, output.Text);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    Kill(process.Pid);
                    return new HealthProbe(start, DateTime.UtcNow, -1, $"Health check exceeded timeout ({Core.GoDuration.Format(schedule.Timeout)})");
                }
            }
        }
        catch (Core.Errors.BerthException e)
        {
            return new HealthProbe(start, DateTime.UtcNow, -1, e.Message);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // gone already
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _checks.Keys.ToList())
        {
            End(id);
        }

        _subscription.Dispose();
        await _following.ConfigureAwait(false);
    }

    /// <summary>Collects the first bytes of a probe's stdout and stderr and drains the rest.</summary>
    private sealed class BoundedOutput(int limit)
    {
        private readonly MemoryStream _kept = new();

        public string Text
        {
            get
            {
                lock (_kept)
                {
                    return Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
                }
            }
        }

        public async Task ReadAsync(Stream stream)
        {
            var buffer = new byte[4096];
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_kept)
                {
                    _kept.Write(buffer, 0, (int)Math.Min(n, Math.Max(0, limit - _kept.Length)));
                }
            }
        }
    }
}
