namespace Berth.Runtime.Cgroups;

/// <summary>
/// crun 1.8 refuses a hybrid host while its cgroup2 mount holds a controller ("cgroups in hybrid mode not
/// supported, drop all controllers from cgroupv2"). Mounting a v1 hierarchy for such a controller (in
/// practice hugetlb) moves it off cgroup2. Whether that worked decides between crun and runc.
/// </summary>
internal static class HybridCgroups
{
    /// <summary>
    /// Decides the default runtime: <paramref name="preferred"/> (crun if null) when installed; on a hybrid host
    /// where crun is wanted, first frees the cgroup2 mount, falling back to runc if that fails.
    /// </summary>
    /// <param name="installed">Installed runtimes, most preferred first.</param>
    /// <param name="readFile">Reads a file, null when missing.</param>
    /// <param name="mountV1">Mounts a v1 hierarchy for a controller; returns null, or why it failed.</param>
    public static (string Default, IReadOnlyList<string> Notes) ChooseDefault(
        string? preferred, IReadOnlyList<string> installed, CgroupLayout layout, Func<string, string?> readFile, Func<string, string?> mountV1)
    {
        var notes = new List<string>();
        var wanted = preferred ?? "crun";
        if (!installed.Contains(wanted))
        {
            notes.Add($"{wanted} is not installed; using {installed[0]}");
            wanted = installed[0];
        }

        if (wanted != "crun" || !layout.IsHybrid)
        {
            return (wanted, notes);
        }

        var held = layout.UnifiedControllers(readFile);
        if (held.Count == 0)
        {
            return (wanted, notes);
        }

        foreach (var controller in held)
        {
            if (mountV1(controller) is { } error)
            {
                notes.Add($"could not mount a v1 {controller} hierarchy: {error}");
            }
        }

        var left = layout.UnifiedControllers(readFile);
        if (left.Count == 0)
        {
            notes.Add($"hybrid cgroups: moved {string.Join(", ", held)} from the cgroup2 mount to v1 hierarchies so that crun can run containers");
        }
        else if (installed.Contains("runc"))
        {
            notes.Add($"hybrid cgroups: the cgroup2 mount still holds {string.Join(", ", left)}, which crun refuses; using runc");
            wanted = "runc";
        }
        else
        {
            notes.Add($"hybrid cgroups: the cgroup2 mount still holds {string.Join(", ", left)}, which crun refuses, and runc is not installed");
        }

        return (wanted, notes);
    }

    /// <summary>mkdir /sys/fs/cgroup/&lt;controller&gt; and mount -t cgroup -o &lt;controller&gt; there.</summary>
    public static string? MountV1(string controller)
    {
        var target = Path.Combine("/sys/fs/cgroup", controller);
        try
        {
            Directory.CreateDirectory(target);
            Linux.Mounts.Mount("cgroup", target, "cgroup", Linux.MountFlags.MS_NOSUID | Linux.MountFlags.MS_NODEV | Linux.MountFlags.MS_NOEXEC, controller);
            return null;
        }
        catch (Exception e) when (e is Linux.LinuxException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
