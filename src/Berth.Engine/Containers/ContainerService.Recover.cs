using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// At daemon start: containers the previous daemon left running have lost their supervisor (their
    /// output pipes and exit status went with it), so they are stopped and marked exited, as Docker does
    /// without live-restore; --rm containers are removed; stray rootfs mounts are taken down, and so is all the
    /// runtime state the previous daemon left (of those containers, and of exits it had not finished releasing).
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var record in _store.All)
        {
            if (record.State.Status.IsRunning())
            {
                _log.LogInformation("container {Id} was running when the daemon stopped; stopping it", record.Id);
                var runtime = _runtimes.Get(record.Runtime);
                try
                {
                    await runtime.KillAsync(record.Id, SigKill, all: true, ct).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // it may well be gone already
                catch (Exception)
#pragma warning restore CA1031
                {
                }

                await MutateAsync(record.Id, r => r with
                {
                    State = r.State with { Status = ContainerStatus.Exited, Pid = 0, ExitCode = 255, FinishedAt = DateTime.UtcNow },
                }).ConfigureAwait(false);
            }

            RootfsMount.Unmount(_paths.ContainerRootfs(record.Id));
            Live(record.Id);
            if (record.Host.AutoRemove)
            {
                await RemoveAsync(record.Id, force: true, removeVolumes: true, ct).ConfigureAwait(false);
            }
        }

        // the runtime state of every container: those killed above, and exits the last daemon had not released
        foreach (var runtime in _runtimes.All)
        {
            foreach (var id in runtime.KnownContainers())
            {
                try
                {
                    await runtime.DeleteAsync(id, force: true, ct).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // one stale state must not keep the daemon from starting
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _log.LogWarning(e, "runtime delete of {Id} failed", id);
                }
            }
        }
    }
}
