using Berth.Linux;
using Berth.Runtime.Cgroups;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Reads a container's resource use now (`docker stats` takes one a second); an empty reading when it is not running.</summary>
    public async Task<ContainerStatsSample> SampleStatsAsync(string idOrName, CancellationToken ct)
    {
        var record = Get(idOrName);
        if (record.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || ProcessOf(record.Id) is not { } process)
        {
            return ContainerStatsSample.NotRunning(record);
        }

        var read = DateTime.UtcNow;
        if (await CgroupStatsReader.ReadAsync(_runtimes.CgroupOf(record.Id), ct).ConfigureAwait(false) is not { } cgroup)
        {
            return ContainerStatsSample.NotRunning(record);
        }

        var system = await SystemCpuTime.ReadAsync(ct).ConfigureAwait(false);
        var networks = record.Host.NetworkMode == "host" ? null : await InterfaceCounters.ReadAsync(process.Pid, ct).ConfigureAwait(false);
        networks?.Remove("lo");
        return new ContainerStatsSample(record.Id, record.Name, read, cgroup, system, networks);
    }
}
