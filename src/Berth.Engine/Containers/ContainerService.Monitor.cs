using System.Buffers;
using System.Globalization;
using Berth.Engine.Logs;
using Berth.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// Follows one run of a container: copies its output to the log and attached clients, and when
    /// the process has exited (learnt through its pidfd) and its output is drained, records the exit,
    /// frees the rootfs mount, wakes waiters and ends attached streams. The runtime's state and the network
    /// are released in the background (see <see cref="IOciRuntime.ReleaseAsync"/> and
    /// <see cref="Networks.NetworkService.DetachInBackground"/>), as Docker's die comes before its disconnect.
    /// </summary>
    private async Task MonitorAsync(string id, LiveContainer live, RunningProcess process)
    {
        try
        {
            var pumps = new List<Task>();
            if (process.Terminal is { } terminal)
            {
                pumps.Add(PumpAsync(terminal.Stream, StdStream.Stdout, live));
            }
            else
            {
                if (process.Stdout is { } stdout)
                {
                    pumps.Add(PumpAsync(stdout, StdStream.Stdout, live));
                }

                if (process.Stderr is { } stderr)
                {
                    pumps.Add(PumpAsync(stderr, StdStream.Stderr, live));
                }
            }

            var status = await process.Exited.ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
            await FinishRunAsync(id, live, process, status).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a background loop must log, not crash the daemon
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "monitoring container {Id} failed", id);
        }
    }

    private async Task FinishRunAsync(string id, LiveContainer live, RunningProcess process, ExitStatus status)
    {
        var record = _store.ById(id);
        var restart = false;
        if (record is not null)
        {
            var exited = record;
            _ = BestEffortAsync(id, "runtime delete", () => _runtimes.Get(exited.Runtime).ReleaseAsync(id));
            await BestEffortAsync(id, "rootfs unmount", () =>
            {
                RootfsMount.Unmount(_paths.ContainerRootfs(id));
                ReleaseVolumeMounts(exited);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            restart = RestartDue(record, live, status.ExitCode);
            record = await MutateAsync(id, r => r with
            {
                RestartCount = restart ? r.RestartCount + 1 : r.RestartCount,
                Networks = r.Networks.ToDictionary(n => n.Key, n => n.Value.Detached()),
                Ports = [],
                State = r.State with
                {
                    Status = restart ? ContainerStatus.Restarting : ContainerStatus.Exited,
                    Pid = 0,
                    ExitCode = status.ExitCode,
                    OomKilled = status.OomKilled,
                    FinishedAt = DateTime.UtcNow,
                },
            }).ConfigureAwait(false);
            if (status.OomKilled)
            {
                Emit("oom", record);
            }

            Emit("die", record, ("exitCode", status.ExitCode.ToString(CultureInfo.InvariantCulture)));
            _networks.DetachInBackground(id);
        }

        live.Process = null;
        live.Streams.SetStdin(null);
        await process.DisposeAsync().ConfigureAwait(false);
        live.Log.EndRun();
        live.Streams.CompleteAll();
        live.CompleteExit(new WaitResult(status.ExitCode, null));

        if (record is { Host.AutoRemove: true } && !live.ManualRestart)
        {
            _ = RemoveAfterExitAsync(id);
        }
        else if (restart)
        {
            ScheduleRestart(id, live, record!.State.FinishedAt - record.State.StartedAt);
        }
    }

    /// <summary>A cleanup step after an exit: a failure is logged, and the exit is still recorded and reported to waiters.</summary>
    private async Task BestEffortAsync(string id, string step, Func<Task> cleanup)
    {
        try
        {
            await cleanup().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the exit must be recorded whatever a cleanup step throws
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogWarning(e, "{Step} of {Id} failed", step, id);
        }
    }

    /// <summary>Unmounts optioned volumes (tmpfs...) that no other running container uses any more.</summary>
    private void ReleaseVolumeMounts(ContainerRecord exited)
    {
        foreach (var point in exited.MountPoints.Where(m => m.Type == "volume" && m.Name is not null))
        {
            if (_volumes.TryGet(point.Name!) is { Options.Count: > 0 } volume &&
                !_store.All.Any(c => c.Id != exited.Id && c.State.Status.IsRunning() && c.MountPoints.Any(m => m.Name == volume.Name)))
            {
                _volumes.Driver.Unmount(volume.Name);
            }
        }
    }

    /// <summary>--rm: the daemon removes the container (and its anonymous volumes) once it has exited.</summary>
    private async Task RemoveAfterExitAsync(string id)
    {
        try
        {
            await RemoveAsync(id, force: true, removeVolumes: true, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a background removal must log, not crash the daemon
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogWarning(e, "auto-removal of {Id} failed", id);
        }
    }

    private static async Task PumpAsync(Stream source, StdStream kind, LiveContainer live)
    {
        var splitter = new LogLineSplitter();
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await source.ReadAsync(buffer).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // a pty master reads EIO once the last process holding the terminal is gone
                    break;
                }

                if (n == 0)
                {
                    break;
                }

                var data = buffer.AsSpan(0, n).ToArray();
                var now = DateTime.UtcNow;
                splitter.Feed(data, line => live.Log.Append(new LogEntry(kind, now, line)));
                await live.Streams.PublishAsync(new OutputChunk(kind, data), CancellationToken.None).ConfigureAwait(false);
            }

            var end = DateTime.UtcNow;
            splitter.Flush(line => live.Log.Append(new LogEntry(kind, end, line)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
