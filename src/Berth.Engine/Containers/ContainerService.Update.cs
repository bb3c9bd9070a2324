using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker update`: new limits take effect at once in a running container (the runtime's update), and from the next start otherwise.</summary>
    public async Task UpdateAsync(string idOrName, ContainerUpdate update, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            var host = update.ApplyTo(record.Host);
            HostSettingsValidator.Validate(host, Environment.ProcessorCount);
            if (record.State.Status is ContainerStatus.Running or ContainerStatus.Paused)
            {
                var limits = RuntimeSpecBuilder.Limits(host);
                try
                {
                    await _runtimes.Get(record.Runtime).UpdateAsync(record.Id, _paths.ContainerDir(record.Id), limits, ct).ConfigureAwait(false);
                }
                catch (BerthException e)
                {
                    throw Errors.Internal($"Cannot update container {record.Id}: {e.Message}");
                }
            }

            record = await MutateAsync(record.Id, r => r with { Host = host }).ConfigureAwait(false);
            Emit("update", record);
        }
        finally
        {
            live.Lock.Release();
        }
    }
}
