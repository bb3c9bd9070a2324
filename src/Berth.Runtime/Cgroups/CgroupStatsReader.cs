using System.Globalization;

namespace Berth.Runtime.Cgroups;

/// <summary>
/// Reads a container's counters from its cgroup files as containerd's cgroups library reads them (moby's source for
/// `docker stats`): cpuacct, cpu, memory, pids and blkio on v1; cpu.stat, memory.*, pids.* and io.stat on v2.
/// Returns null when the cgroup is gone (the container stopped meanwhile).
/// </summary>
public static class CgroupStatsReader
{
    /// <summary>The memory.stat keys moby reports on v1 (a fixed set; missing ones are 0).</summary>
    private static readonly string[] V1MemoryKeys =
    [
        "cache", "rss", "rss_huge", "mapped_file", "dirty", "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault",
        "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable", "hierarchical_memory_limit", "hierarchical_memsw_limit",
        "total_cache", "total_rss", "total_rss_huge", "total_mapped_file", "total_dirty", "total_writeback", "total_pgpgin", "total_pgpgout",
        "total_pgfault", "total_pgmajfault", "total_inactive_anon", "total_active_anon", "total_inactive_file", "total_active_file", "total_unevictable",
    ];

    /// <summary>nanoseconds per USER_HZ tick, for cpuacct.stat.</summary>
    private const ulong NanosPerTick = 1_000_000_000 / 100;

    public static async Task<CgroupStats?> ReadAsync(ContainerCgroup cgroup, CancellationToken ct)
    {
        try
        {
            return cgroup.Unified ? await ReadV2Async(cgroup, ct).ConfigureAwait(false) : await ReadV1Async(cgroup, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task<CgroupStats> ReadV1Async(ContainerCgroup cgroup, CancellationToken ct)
    {
        async Task<string> Read(string controller, string file) =>
            await File.ReadAllTextAsync(Path.Combine(cgroup.Dir(controller), file), ct).ConfigureAwait(false);

        var cpuacct = KeyValues(await Read("cpuacct", "cpuacct.stat").ConfigureAwait(false));
        var throttling = KeyValues(await Read("cpu", "cpu.stat").ConfigureAwait(false));
        var cpu = new CgroupCpu(
            Number(await Read("cpuacct", "cpuacct.usage").ConfigureAwait(false)),
            (await Read("cpuacct", "cpuacct.usage_percpu").ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number).ToList(),
            cpuacct.GetValueOrDefault("system") * NanosPerTick,
            cpuacct.GetValueOrDefault("user") * NanosPerTick,
            throttling.GetValueOrDefault("nr_periods"),
            throttling.GetValueOrDefault("nr_throttled"),
            throttling.GetValueOrDefault("throttled_time"));

        var stat = KeyValues(await Read("memory", "memory.stat").ConfigureAwait(false));
        var memory = new CgroupMemory(
            Number(await Read("memory", "memory.usage_in_bytes").ConfigureAwait(false)),
            Number(await Read("memory", "memory.max_usage_in_bytes").ConfigureAwait(false)),
            Number(await Read("memory", "memory.limit_in_bytes").ConfigureAwait(false)),
            Number(await Read("memory", "memory.failcnt").ConfigureAwait(false)),
            V1MemoryKeys.ToDictionary(k => k, stat.GetValueOrDefault, StringComparer.Ordinal));

        var pids = new CgroupPids(Number(await Read("pids", "pids.current").ConfigureAwait(false)), Number(await Read("pids", "pids.max").ConfigureAwait(false)));
        return new CgroupStats(cpu, memory, pids, await ReadBlkioV1Async(cgroup.Dir("blkio"), ct).ConfigureAwait(false));
    }

    /// <summary>The CFQ files where the kernel has them and they hold anything; else the throttle files, which always count.</summary>
    private static async Task<CgroupBlkio> ReadBlkioV1Async(string dir, CancellationToken ct)
    {
        async Task<IReadOnlyList<BlkioEntry>> Entries(string file)
        {
            var path = Path.Combine(dir, "blkio." + file);
            return File.Exists(path) ? BlkioEntries(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)) : [];
        }

        if (File.Exists(Path.Combine(dir, "blkio.io_serviced_recursive")))
        {
            var cfq = new CgroupBlkio(
                await Entries("io_service_bytes_recursive").ConfigureAwait(false),
                await Entries("io_serviced_recursive").ConfigureAwait(false),
                await Entries("io_queued_recursive").ConfigureAwait(false),
                await Entries("io_service_time_recursive").ConfigureAwait(false),
                await Entries("io_wait_time_recursive").ConfigureAwait(false),
                await Entries("io_merged_recursive").ConfigureAwait(false),
                await Entries("time_recursive").ConfigureAwait(false),
                await Entries("sectors_recursive").ConfigureAwait(false));
            if (new[] { cfq.ServiceBytes, cfq.Serviced, cfq.Queued, cfq.ServiceTime, cfq.WaitTime, cfq.Merged, cfq.Time, cfq.Sectors }.Any(l => l.Count > 0))
            {
                return cfq;
            }
        }

        return CgroupBlkio.Empty with
        {
            ServiceBytes = await Entries("throttle.io_service_bytes_recursive").ConfigureAwait(false),
            Serviced = await Entries("throttle.io_serviced_recursive").ConfigureAwait(false),
        };
    }

    private static async Task<CgroupStats> ReadV2Async(ContainerCgroup cgroup, CancellationToken ct)
    {
        var dir = cgroup.Dir("");
        async Task<string> Read(string file) => await File.ReadAllTextAsync(Path.Combine(dir, file), ct).ConfigureAwait(false);
        async Task<string> ReadOptional(string file) => File.Exists(Path.Combine(dir, file)) ? await Read(file).ConfigureAwait(false) : "";

        var cpuStat = KeyValues(await Read("cpu.stat").ConfigureAwait(false));
        var cpu = new CgroupCpu(
            cpuStat.GetValueOrDefault("usage_usec") * 1000, [], cpuStat.GetValueOrDefault("system_usec") * 1000, cpuStat.GetValueOrDefault("user_usec") * 1000,
            cpuStat.GetValueOrDefault("nr_periods"), cpuStat.GetValueOrDefault("nr_throttled"), cpuStat.GetValueOrDefault("throttled_usec") * 1000);
        var events = KeyValues(await ReadOptional("memory.events").ConfigureAwait(false));
        var memory = new CgroupMemory(
            Number(await Read("memory.current").ConfigureAwait(false)), 0, Number(await Read("memory.max").ConfigureAwait(false)),
            events.GetValueOrDefault("oom"), KeyValues(await Read("memory.stat").ConfigureAwait(false)));
        var pids = new CgroupPids(Number(await Read("pids.current").ConfigureAwait(false)), Number(await Read("pids.max").ConfigureAwait(false)));
        return new CgroupStats(cpu, memory, pids, CgroupBlkio.Empty with { ServiceBytes = IoStatEntries(await ReadOptional("io.stat").ConfigureAwait(false)) });
    }

    /// <summary>"8:0 Read 4096" lines (the "Total N" line skipped); "8:0 4096" in files without an operation.</summary>
    internal static List<BlkioEntry> BlkioEntries(string text)
    {
        var entries = new List<BlkioEntry>();
        foreach (var line in Lines(text))
        {
            var fields = line.Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                continue;
            }

            var (op, value) = fields.Length == 4 ? (fields[2], fields[3]) : ("", fields[2]);
            entries.Add(new BlkioEntry(Number(fields[0]), Number(fields[1]), op, Number(value)));
        }

        return entries;
    }

    /// <summary>io.stat's "8:0 rbytes=1 wbytes=2 ..." as the read and write entries moby makes of it.</summary>
    internal static List<BlkioEntry> IoStatEntries(string text)
    {
        var entries = new List<BlkioEntry>();
        foreach (var line in Lines(text))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var device = fields[0].Split(':');
            var values = fields[1..].Select(f => f.Split('=')).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => Number(kv[1]), StringComparer.Ordinal);
            var (major, minor) = (Number(device[0]), Number(device[1]));
            entries.Add(new BlkioEntry(major, minor, "read", values.GetValueOrDefault("rbytes")));
            entries.Add(new BlkioEntry(major, minor, "write", values.GetValueOrDefault("wbytes")));
        }

        return entries;
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat, cpuacct.stat).</summary>
    internal static Dictionary<string, ulong> KeyValues(string text)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                values[line[..space]] = Number(line[(space + 1)..]);
            }
        }

        return values;
    }

    /// <summary>A counter; "max" (no limit) is 0, as containerd reports it.</summary>
    internal static ulong Number(string text)
    {
        text = text.Trim();
        return text == "max" ? 0 : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
