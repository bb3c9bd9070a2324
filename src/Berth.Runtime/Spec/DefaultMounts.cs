using Berth.Core.Mounts;
using Berth.Runtime.Oci;

namespace Berth.Runtime.Spec;

/// <summary>Docker's /proc, /dev, /sys mounts, and the user's after them (moby WithMounts).</summary>
internal static class DefaultMounts
{
    /// <summary>
    /// The defaults, then the user's mounts in order. A user mount replaces a default at the same
    /// destination, and a user /dev replaces every default under it. Privileged containers get a
    /// writable /sys and /sys/fs/cgroup.
    /// </summary>
    public static List<OciMount> With(ContainerSpec spec)
    {
        var sysMode = spec.Privileged ? "rw" : "ro";
        var defaults = new List<OciMount>
        {
            new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
            new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", sysMode] },
            new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", sysMode] },
            new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", $"size={spec.ShmSize}"] },
        };

        var userTargets = spec.Mounts.Select(m => m.Target).ToHashSet(StringComparer.Ordinal);
        var userDev = userTargets.Contains("/dev");
        var mounts = defaults
            .Where(m => !userTargets.Contains(m.Destination) && !(userDev && m.Destination.StartsWith("/dev/", StringComparison.Ordinal)))
            .ToList();
        mounts.AddRange(spec.Mounts.Select(ToOci));
        return mounts;
    }

    private static OciMount ToOci(MountSpec m) => new() { Destination = m.Target, Type = m.Type, Source = m.Source, Options = [.. m.Options] };
}
