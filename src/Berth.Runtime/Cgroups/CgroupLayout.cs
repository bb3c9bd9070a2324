namespace Berth.Runtime.Cgroups;

/// <summary>
/// The host's cgroup layout, read from mountinfo: v2 (unified at /sys/fs/cgroup), v1, or hybrid (v1
/// hierarchies plus a cgroup2 mount beside them, as systemd sets up).
/// </summary>
/// <param name="Version">"2" for a unified host, else "1" (as docker info reports CgroupVersion).</param>
/// <param name="UnifiedMount">Where cgroup2 is mounted: /sys/fs/cgroup on v2, e.g. /sys/fs/cgroup/unified on hybrid.</param>
/// <param name="V1Controllers">The controllers with a v1 hierarchy mounted.</param>
/// <param name="UnifiedOptions">The cgroup2 superblock's options, e.g. ["rw", "nsdelegate"]; empty without a cgroup2 mount.</param>
public sealed record CgroupLayout(string Version, string? UnifiedMount, IReadOnlyList<string> V1Controllers, IReadOnlyList<string> UnifiedOptions)
{
    private static readonly HashSet<string> Controllers = new(StringComparer.Ordinal)
    {
        "blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "hugetlb", "memory", "misc", "net_cls", "net_prio", "perf_event", "pids", "rdma",
    };

    public bool IsHybrid => Version == "1" && UnifiedMount is not null;

    public static CgroupLayout Detect() => Parse(File.ReadLines("/proc/self/mountinfo"));

    public static CgroupLayout Parse(IEnumerable<string> mountinfo)
    {
        string? unified = null;
        IReadOnlyList<string> unifiedOptions = [];
        var v1 = new List<string>();
        foreach (var line in mountinfo)
        {
            // "36 25 0:31 / /sys/fs/cgroup/memory rw,relatime shared:13 - cgroup cgroup rw,memory"
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var fields = line[..separator].Split(' ');
            var tail = line[(separator + 3)..].Split(' ');
            if (fields.Length < 5 || tail.Length < 3)
            {
                continue;
            }

            var mountPoint = fields[4];
            if (tail[0] == "cgroup2")
            {
                unifiedOptions = tail[2].Split(',');
                if (mountPoint == "/sys/fs/cgroup")
                {
                    return new CgroupLayout("2", mountPoint, [], unifiedOptions);
                }

                unified = mountPoint;
            }
            else if (tail[0] == "cgroup")
            {
                v1.AddRange(tail[2].Split(',').Where(Controllers.Contains));
            }
        }

        return new CgroupLayout("1", unified, v1, unifiedOptions);
    }

    /// <summary>The controllers a hybrid host's cgroup2 mount holds (what makes crun 1.8 refuse the host).</summary>
    /// <param name="readFile">Reads a file, or returns null when it does not exist.</param>
    public IReadOnlyList<string> UnifiedControllers(Func<string, string?> readFile) =>
        IsHybrid && readFile(Path.Combine(UnifiedMount!, "cgroup.controllers")) is { } text
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
