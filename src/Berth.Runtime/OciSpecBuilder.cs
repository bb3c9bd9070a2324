using Berth.Core.Mounts;
using Berth.Runtime.Oci;
using Berth.Runtime.Security;

namespace Berth.Runtime;

/// <summary>
/// Turns a <see cref="ContainerSpec"/> into config.json with Docker's defaults (moby oci/defaults.go):
/// its namespaces, /proc /dev /sys mounts, masked and read-only paths, device rules, 14 capabilities
/// and seccomp profile; privileged containers get everything.
/// </summary>
public static class OciSpecBuilder
{
    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    public static readonly IReadOnlyList<string> ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    private const long DefaultCpuPeriod = 100_000;

    public static OciSpec Build(ContainerSpec spec, string cgroupParent)
    {
        var capabilities = Capabilities.Resolve(spec.CapAdd, spec.CapDrop, spec.Privileged);
        return new OciSpec
        {
            Process = Process(spec.Process, capabilities),
            Root = new OciRoot { Path = spec.RootfsPath, Readonly = spec.ReadonlyRootfs },
            Hostname = spec.HostNetwork ? null : spec.Hostname,
            Domainname = spec.HostNetwork ? null : spec.Domainname,
            Mounts = Mounts(spec),
            Linux = new OciLinux
            {
                Namespaces = Namespaces(spec),
                Resources = Resources(spec),
                CgroupsPath = $"/{cgroupParent}/{spec.Id}",
                MaskedPaths = spec.Privileged ? null : [.. MaskedPaths],
                ReadonlyPaths = spec.Privileged ? null : [.. ReadonlyPaths],
                Seccomp = spec.Privileged || !spec.Seccomp ? null : SeccompProfile.For(capabilities),
                Sysctl = spec.Sysctls.Count == 0 ? null : new Dictionary<string, string>(spec.Sysctls),
            },
            Annotations = spec.Annotations.Count == 0 ? null : new Dictionary<string, string>(spec.Annotations),
        };
    }

    public static OciProcess Process(ProcessSpec process, IReadOnlyList<string> capabilities) => new()
    {
        Terminal = process.Terminal,
        ConsoleSize = process.Terminal && process.ConsoleRows > 0 ? new OciConsoleSize { Height = process.ConsoleRows, Width = process.ConsoleColumns } : null,
        User = new OciUser { Uid = process.Uid, Gid = process.Gid, AdditionalGids = process.AdditionalGids.Count == 0 ? null : [.. process.AdditionalGids] },
        Args = [.. process.Args],
        Env = [.. process.Env],
        Cwd = process.Cwd,
        Capabilities = new OciCapabilities
        {
            Bounding = [.. capabilities],
            Effective = process.Uid == 0 ? [.. capabilities] : [],
            Permitted = process.Uid == 0 ? [.. capabilities] : [],
        },
        Rlimits = [CurrentNoFileLimit()],
        NoNewPrivileges = process.NoNewPrivileges,
    };

    /// <summary>RLIMIT_NOFILE at the daemon's hard limit: asking more fails where the limit cannot be raised.</summary>
    private static OciRlimit CurrentNoFileLimit()
    {
        var (_, hard) = ResourceLimits.NoFile();
        return new OciRlimit { Type = "RLIMIT_NOFILE", Soft = hard, Hard = hard };
    }

    private static List<OciNamespace> Namespaces(ContainerSpec spec)
    {
        var namespaces = new List<OciNamespace> { new() { Type = "pid" }, new() { Type = "ipc" }, new() { Type = "uts" }, new() { Type = "mount" } };
        if (!spec.HostNetwork)
        {
            namespaces.Add(new OciNamespace { Type = "network", Path = spec.NetworkNamespacePath });
        }
        else
        {
            namespaces.RemoveAll(n => n.Type == "uts");
        }

        return namespaces;
    }

    private static List<OciMount> Mounts(ContainerSpec spec)
    {
        var mounts = new List<OciMount>
        {
            new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
            new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", spec.Privileged ? "rw" : "ro"] },
            new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", spec.Privileged ? "rw" : "ro"] },
            new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", $"size={spec.ShmSize}"] },
        };
        foreach (var mount in spec.Mounts)
        {
            mounts.RemoveAll(m => m.Destination == mount.Target);
            mounts.Add(ToOci(mount));
        }

        return mounts;
    }

    private static OciMount ToOci(MountSpec m) => new() { Destination = m.Target, Type = m.Type, Source = m.Source, Options = [.. m.Options] };

    private static OciResources Resources(ContainerSpec spec)
    {
        var r = spec.Resources;
        var resources = new OciResources();
        if (spec.Privileged)
        {
            resources.Devices.Add(new OciDeviceRule { Allow = true, Access = "rwm" });
        }
        else
        {
            resources.Devices.Add(new OciDeviceRule { Allow = false, Access = "rwm" });
            foreach (var (major, minor) in new (long, long?)[] { (1, 5), (1, 3), (1, 9), (1, 8), (5, 0), (5, 1), (136, null), (5, 2), (10, 200) })
            {
                resources.Devices.Add(new OciDeviceRule { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" });
            }

            resources.Devices.Add(new OciDeviceRule { Allow = false, Type = "c", Major = 10, Minor = 229, Access = "rwm" });
        }

        if (r.MemoryBytes is not null || r.MemoryReservationBytes is not null)
        {
            resources.Memory = new OciMemory
            {
                Limit = r.MemoryBytes,
                Reservation = r.MemoryReservationBytes,
                Swap = r.MemorySwapBytes ?? (r.MemoryBytes is { } limit ? limit * 2 : null),
            };
        }

        if (r.NanoCpus is { } nano)
        {
            resources.Cpu = new OciCpu { Period = DefaultCpuPeriod, Quota = nano * DefaultCpuPeriod / 1_000_000_000 };
        }

        if (r.CpuQuota is not null || r.CpuPeriod is not null || r.CpuShares is not null || r.CpusetCpus is not null)
        {
            resources.Cpu ??= new OciCpu();
            resources.Cpu.Quota = r.CpuQuota ?? resources.Cpu.Quota;
            resources.Cpu.Period = r.CpuPeriod is { } p ? (ulong)p : resources.Cpu.Period;
            resources.Cpu.Shares = r.CpuShares is { } s ? (ulong)s : null;
            resources.Cpu.Cpus = r.CpusetCpus;
        }

        if (r.PidsLimit is { } pids)
        {
            resources.Pids = new OciPids { Limit = pids };
        }

        return resources;
    }
}
