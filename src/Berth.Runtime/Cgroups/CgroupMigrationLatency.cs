namespace Berth.Runtime.Cgroups;

/// <summary>
/// Moving a process into a cgroup takes the kernel's global threadgroup lock for writing, which waits for
/// an RCU grace period: about 10 ms on this class of machine, paid by every container start (the runtime
/// writes cgroup.procs). The cgroup2 mount option favordynmods (Linux 6.0+) keeps that lock in its slow
/// mode instead, so migrations cost microseconds and forks a little more, the trade the kernel documents
/// for hosts that create cgroups often. The flag acts on the whole lock, so one mount carrying it is enough.
/// </summary>
internal static class CgroupMigrationLatency
{
    private const string Option = "favordynmods";

    /// <summary>Remounts the cgroup2 mount with favordynmods, keeping its other options; returns a note for the log, or null when nothing changed.</summary>
    /// <param name="remount">Remounts a path with the given options; returns null, or why it failed.</param>
    public static string? Reduce(CgroupLayout layout, Func<string, string, string?> remount)
    {
        if (layout.UnifiedMount is not { } mount || layout.UnifiedOptions.Contains(Option))
        {
            return null;
        }

        // a remount resets every cgroup2 option it is not given
        var options = string.Join(',', layout.UnifiedOptions.Where(o => o is not ("rw" or "ro")).Append(Option));
        return remount(mount, options) is { } error
            ? $"could not remount {mount} with {Option} (container starts pay about 10 ms for cgroup migration): {error}"
            : $"remounted {mount} with {Option}: moving a container into its cgroup no longer waits for an RCU grace period";
    }

    public static string? Remount(string mount, string options)
    {
        try
        {
            Linux.Mounts.Mount("none", mount, null, Linux.MountFlags.MS_REMOUNT, options);
            return null;
        }
        catch (Linux.LinuxException e)
        {
            return e.Message;
        }
    }
}
