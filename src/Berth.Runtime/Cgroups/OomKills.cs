using System.Globalization;

namespace Berth.Runtime.Cgroups;

/// <summary>
/// Counts the OOM kills in a container's memory cgroup: oom_kill in v1 memory.oom_control, or in v2
/// memory.events. Read after the container's init has exited and before the runtime deletes the cgroup.
/// </summary>
internal static class OomKills
{
    public static long Count(string cgroupsPath, string root = "/sys/fs/cgroup")
    {
        var relative = cgroupsPath.TrimStart('/');
        foreach (var file in new[] { Path.Combine(root, "memory", relative, "memory.oom_control"), Path.Combine(root, relative, "memory.events") })
        {
            if (File.Exists(file))
            {
                return Parse(File.ReadLines(file));
            }
        }

        return 0;
    }

    internal static long Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0] == "oom_kill" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }

        return 0;
    }
}
