namespace Berth.Runtime.Cgroups;

/// <summary>One reading of a container's cgroup counters (cgroup v1 files, or their v2 equivalents).</summary>
public sealed record CgroupStats(CgroupCpu Cpu, CgroupMemory Memory, CgroupPids Pids, CgroupBlkio Blkio);

/// <summary>CPU time in nanoseconds (total, per CPU, kernel and user) and CFS throttling.</summary>
public sealed record CgroupCpu(ulong Total, IReadOnlyList<ulong> PerCpu, ulong Kernel, ulong User, ulong Periods, ulong ThrottledPeriods, ulong ThrottledTime);

/// <summary>Memory use and limit in bytes, the failure count, and memory.stat's counters.</summary>
public sealed record CgroupMemory(ulong Usage, ulong MaxUsage, ulong Limit, ulong Failcnt, IReadOnlyDictionary<string, ulong> Stat);

/// <summary>Processes in the cgroup, and their limit (0 for none).</summary>
public sealed record CgroupPids(ulong Current, ulong Limit);

/// <summary>Block I/O per device and operation; each list is one blkio file (io_service_bytes_recursive ...).</summary>
public sealed record CgroupBlkio(
    IReadOnlyList<BlkioEntry> ServiceBytes,
    IReadOnlyList<BlkioEntry> Serviced,
    IReadOnlyList<BlkioEntry> Queued,
    IReadOnlyList<BlkioEntry> ServiceTime,
    IReadOnlyList<BlkioEntry> WaitTime,
    IReadOnlyList<BlkioEntry> Merged,
    IReadOnlyList<BlkioEntry> Time,
    IReadOnlyList<BlkioEntry> Sectors)
{
    public static CgroupBlkio Empty { get; } = new([], [], [], [], [], [], [], []);
}

/// <param name="Op">"Read", "Write", "Sync", "Async", "Discard", "Total"; empty for files without one (sectors, time).</param>
public sealed record BlkioEntry(ulong Major, ulong Minor, string Op, ulong Value);
