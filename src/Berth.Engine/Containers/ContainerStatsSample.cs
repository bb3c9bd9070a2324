using Berth.Linux;
using Berth.Runtime.Cgroups;

namespace Berth.Engine.Containers;

/// <summary>
/// One reading of a container's resource use for `docker stats`: its cgroup's counters, the host's CPU time read
/// beside them (CPU % is the ratio of the two deltas), and its network interfaces. Cgroup is null when it is not running.
/// </summary>
/// <param name="Networks">Interfaces by name inside the container (lo left out); null with the host's network.</param>
public sealed record ContainerStatsSample(
    string Id, string Name, DateTime Read, CgroupStats? Cgroup, SystemCpuTime System, IReadOnlyDictionary<string, InterfaceCounters>? Networks)
{
    public static ContainerStatsSample NotRunning(ContainerRecord c) => new(c.Id, c.Name, default, null, default, null);
}
