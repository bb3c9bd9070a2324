using Berth.Engine.Health;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Records a health probe of a running container; a change of status is an event ("health_status: healthy").</summary>
    /// <returns>The new health, or null when the container is no longer running.</returns>
    public async Task<HealthState?> RecordHealthProbeAsync(string id, HealthProbe probe, int retries, bool inStartPeriod)
    {
        if (_store.ById(id) is not { State.Status: ContainerStatus.Running or ContainerStatus.Paused, State.Health: { } before })
        {
            return null;
        }

        var after = before.After(probe, retries, inStartPeriod);
        var record = await MutateAsync(id, r => r with { State = r.State with { Health = after } }).ConfigureAwait(false);
        if (after.Status != before.Status)
        {
            Emit("health_status: " + after.Status, record);
        }

        return after;
    }
}
