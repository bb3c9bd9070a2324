namespace Berth.Runtime;

/// <summary>Counts the OOM kills in a container's memory cgroup (v1 memory.oom_control, v2 memory.events).</summary>
internal static class OomKills
{
    public static long Count(string cgroupParent, string id)
    {
        foreach (var (file, key) in new[]
        {
            ($"/sys/fs/cgroup/memory/{cgroupParent}/{id}/memory.oom_control", "oom_kill"),
            ($"/sys/fs/cgroup/{cgroupParent}/{id}/memory.events", "oom_kill"),
        })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var n))
                {
                    return n;
                }
            }
        }

        return 0;
    }
}
