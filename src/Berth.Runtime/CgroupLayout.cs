namespace Berth.Runtime;

/// <summary>
/// The host's cgroup layout, read from mountinfo: v2 (unified at /sys/fs/cgroup), v1, or hybrid (v1
/// hierarchies plus a cgroup2 mount beside them). crun 1.8 refuses hybrid hosts while the cgroup2 mount
/// holds controllers; those controllers are moved off by mounting a v1 hierarchy for each.
/// </summary>
public sealed record CgroupLayout(string Version, string? UnifiedMount, IReadOnlyList<string> V1Controllers)
{
    public bool IsHybrid => Version == "1" && UnifiedMount is not null;

    public static CgroupLayout Parse(IEnumerable<string> mountinfo)
    {
        string? unified = null;
        var v2Root = false;
        var v1 = new List<string>();
        foreach (var line in mountinfo)
        {
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
                if (mountPoint == "/sys/fs/cgroup")
                {
                    v2Root = true;
                }
                else
                {
                    unified = mountPoint;
                }
            }
            else if (tail[0] == "cgroup")
            {
                v1.AddRange(tail[2].Split(',').Where(o => o is not ("rw" or "ro" or "relatime" or "nosuid" or "nodev" or "noexec") && !o.StartsWith("name=", StringComparison.Ordinal)));
            }
        }

        return v2Root ? new CgroupLayout("2", "/sys/fs/cgroup", []) : new CgroupLayout("1", unified, v1);
    }

    /// <summary>Controllers a hybrid host's cgroup2 mount still holds (what makes crun refuse it).</summary>
    public IReadOnlyList<string> UnifiedControllers(Func<string, string?> readFile) =>
        IsHybrid && readFile(Path.Combine(UnifiedMount!, "cgroup.controllers")) is { } text
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
