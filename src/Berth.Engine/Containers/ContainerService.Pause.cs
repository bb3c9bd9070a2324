using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker pause`: freezes every process of the container.</summary>
    public async Task PauseAsync(string idOrName, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (record.State.Status == ContainerStatus.Paused)
            {
                throw Errors.Conflict($"Container {record.Id} is already paused");
            }

            if (!record.State.Status.IsRunning())
            {
                throw Errors.ContainerNotRunning(record.Id);
            }

            await _runtimes.Get(record.Runtime).PauseAsync(record.Id, ct).ConfigureAwait(false);
            record = await MutateAsync(record.Id, r => r with { State = r.State with { Status = ContainerStatus.Paused } }).ConfigureAwait(false);
            Emit("pause", record);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    /// <summary>`docker unpause`.</summary>
    public async Task UnpauseAsync(string idOrName, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (record.State.Status != ContainerStatus.Paused)
            {
                throw Errors.Conflict($"Container {record.Id} is not paused");
            }

            await _runtimes.Get(record.Runtime).ResumeAsync(record.Id, ct).ConfigureAwait(false);
            record = await MutateAsync(record.Id, r => r with
            {
                State = r.State with { Status = r.State.Status == ContainerStatus.Paused ? ContainerStatus.Running : r.State.Status },
            }).ConfigureAwait(false);
            Emit("unpause", record);
        }
        finally
        {
            live.Lock.Release();
        }
    }
}
