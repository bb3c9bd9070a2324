using Berth.Api.Contracts;
using Berth.Api.Contracts.Containers;
using Berth.Engine.Containers;
using Berth.Runtime.Cgroups;

namespace Berth.Api.Mapping;

/// <summary>Stats readings as moby's StatsResponse: the current reading, with the previous one as precpu_stats and preread.</summary>
internal static class StatsViews
{
    /// <param name="machineMemory">The host's memory: moby reports it as the limit of a container without a lower one.</param>
    public static ContainerStatsResponse Response(ContainerStatsSample current, ContainerStatsSample? previous, long machineMemory)
    {
        var response = new ContainerStatsResponse
        {
            Name = "/" + current.Name,
            Id = current.Id,
            Read = Units.Rfc3339Nano(current.Read),
            PreRead = Units.Rfc3339Nano(previous?.Read ?? default),
            CpuStats = Cpu(current),
            PreCpuStats = previous is null ? new CpuStats() : Cpu(previous),
        };
        if (current.Cgroup is not { } cgroup)
        {
            return response;
        }

        response.PidsStats = new PidsStats { Current = cgroup.Pids.Current, Limit = cgroup.Pids.Limit };
        response.BlkioStats = Blkio(cgroup.Blkio);
        var limit = machineMemory > 0 && cgroup.Memory.Limit > (ulong)machineMemory ? (ulong)machineMemory : cgroup.Memory.Limit;
        response.MemoryStats = new MemoryStats
        {
            Usage = cgroup.Memory.Usage,
            MaxUsage = cgroup.Memory.MaxUsage,
            Failcnt = cgroup.Memory.Failcnt,
            Limit = limit,
            Stats = cgroup.Memory.Stat.Count == 0 ? null : new Dictionary<string, ulong>(cgroup.Memory.Stat),
        };
        response.Networks = current.Networks is { Count: > 0 } networks
            ? networks.ToDictionary(n => n.Key, n => new NetworkStats
            {
                RxBytes = n.Value.RxBytes,
                RxPackets = n.Value.RxPackets,
                RxErrors = n.Value.RxErrors,
                RxDropped = n.Value.RxDropped,
                TxBytes = n.Value.TxBytes,
                TxPackets = n.Value.TxPackets,
                TxErrors = n.Value.TxErrors,
                TxDropped = n.Value.TxDropped,
            })
            : null;
        return response;
    }

    private static CpuStats Cpu(ContainerStatsSample sample) => sample.Cgroup is not { Cpu: var cpu }
        ? new CpuStats()
        : new CpuStats
        {
            CpuUsage = new CpuUsage
            {
                TotalUsage = cpu.Total,
                PercpuUsage = cpu.PerCpu.Count == 0 ? null : [.. cpu.PerCpu],
                UsageInKernelmode = cpu.Kernel,
                UsageInUsermode = cpu.User,
            },
            SystemCpuUsage = sample.System.Nanoseconds,
            OnlineCpus = sample.System.OnlineCpus,
            ThrottlingData = new ThrottlingData { Periods = cpu.Periods, ThrottledPeriods = cpu.ThrottledPeriods, ThrottledTime = cpu.ThrottledTime },
        };

    private static BlkioStats Blkio(CgroupBlkio blkio) => new()
    {
        IoServiceBytesRecursive = Entries(blkio.ServiceBytes),
        IoServicedRecursive = Entries(blkio.Serviced),
        IoQueuedRecursive = Entries(blkio.Queued),
        IoServiceTimeRecursive = Entries(blkio.ServiceTime),
        IoWaitTimeRecursive = Entries(blkio.WaitTime),
        IoMergedRecursive = Entries(blkio.Merged),
        IoTimeRecursive = Entries(blkio.Time),
        SectorsRecursive = Entries(blkio.Sectors),
    };

    private static List<BlkioStatEntry> Entries(IReadOnlyList<BlkioEntry> entries) =>
        [.. entries.Select(e => new BlkioStatEntry { Major = e.Major, Minor = e.Minor, Op = e.Op, Value = e.Value })];
}
