using Berth.Runtime.Oci;
using Berth.Runtime.Security;

namespace Berth.Runtime.Spec;

/// <summary>
/// Turns a <see cref="ContainerSpec"/> into config.json with Docker's defaults (moby oci/defaults.go and
/// daemon/oci_linux.go): its namespaces, /proc /dev /sys mounts, masked and read-only paths, device
/// rules, 14 capabilities, seccomp profile and network sysctls. A privileged container gets every
/// capability and device, and no seccomp, masked or read-only paths.
/// </summary>
public static class OciSpecBuilder
{
    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    public static readonly IReadOnlyList<string> ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <param name="cgroupParent">The cgroup (cgroupfs driver) the container's own goes under: /&lt;parent&gt;/&lt;id&gt;.</param>
    public static OciSpec Build(ContainerSpec spec, string cgroupParent)
    {
        var capabilities = Capabilities.Resolve(spec.CapAdd, spec.CapDrop, spec.Privileged);
        return new OciSpec
        {
            Process = Process(spec.Process, capabilities),
            Root = new OciRoot { Path = spec.RootfsPath, Readonly = spec.ReadonlyRootfs },
            Hostname = spec.Hostname,
            Domainname = spec.Domainname,
            Mounts = DefaultMounts.With(spec),
            Linux = new OciLinux
            {
                Namespaces = Namespaces(spec),
                Devices = spec.Privileged ? HostDevices.List() : null,
                Resources = ResourceMapping.For(spec),
                CgroupsPath = $"/{cgroupParent}/{spec.Id}",
                MaskedPaths = spec.Privileged ? null : [.. MaskedPaths],
                ReadonlyPaths = spec.Privileged ? null : [.. ReadonlyPaths],
                Seccomp = spec.Privileged || !spec.Seccomp ? null : SeccompProfile.For(capabilities),
                Sysctl = Sysctls(spec),
            },
            Annotations = spec.Annotations.Count == 0 ? null : new Dictionary<string, string>(spec.Annotations),
        };
    }

    /// <summary>
    /// The process part, also an exec's process.json. Like Docker, a non-root process gets the capabilities
    /// only in its bounding set: execve gives a non-root user none, so effective and permitted stay empty.
    /// Without rlimits the process keeps the daemon's (RLIMIT_NOFILE cannot be raised past our hard limit anyway).
    /// </summary>
    public static OciProcess Process(ProcessSpec process, IReadOnlyList<string> capabilities) => new()
    {
        Terminal = process.Terminal,
        ConsoleSize = process.Terminal && process.ConsoleRows > 0 && process.ConsoleColumns > 0
            ? new OciConsoleSize { Height = process.ConsoleRows, Width = process.ConsoleColumns }
            : null,
        User = new OciUser { Uid = process.Uid, Gid = process.Gid, AdditionalGids = process.AdditionalGids.Count == 0 ? null : [.. process.AdditionalGids] },
        Args = [.. process.Args],
        Env = [.. process.Env],
        Cwd = process.Cwd,
        Capabilities = process.Uid == 0
            ? new OciCapabilities { Bounding = [.. capabilities], Effective = [.. capabilities], Permitted = [.. capabilities] }
            : new OciCapabilities { Bounding = [.. capabilities] },
        NoNewPrivileges = process.NoNewPrivileges,
    };

    private static List<OciNamespace> Namespaces(ContainerSpec spec)
    {
        var namespaces = new List<OciNamespace> { new() { Type = "mount" } };
        if (!spec.HostNetwork)
        {
            namespaces.Add(new OciNamespace { Type = "network", Path = spec.NetworkNamespacePath });
        }

        // with --network host the UTS namespace stays private, as in Docker; the engine names it after the host
        namespaces.AddRange([new OciNamespace { Type = "uts" }, new OciNamespace { Type = "pid" }, new OciNamespace { Type = "ipc" }]);
        return namespaces;
    }

    /// <summary>Docker's network sysctls for a container with its own network namespace, then the user's.</summary>
    private static Dictionary<string, string>? Sysctls(ContainerSpec spec)
    {
        var sysctls = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!spec.HostNetwork)
        {
            foreach (var (key, value) in NetworkSysctls.Value)
            {
                sysctls[key] = value;
            }
        }

        foreach (var (key, value) in spec.Sysctls)
        {
            sysctls[key] = value;
        }

        return sysctls.Count == 0 ? null : sysctls;
    }

    /// <summary>Unprivileged ping and low ports (no CAP_NET_RAW / CAP_NET_BIND_SERVICE needed), where the kernel has them.</summary>
    private static readonly Lazy<IReadOnlyList<(string Key, string Value)>> NetworkSysctls = new(() =>
        new (string Key, string Value)[] { ("net.ipv4.ping_group_range", "0 2147483647"), ("net.ipv4.ip_unprivileged_port_start", "0") }
            .Where(s => File.Exists("/proc/sys/" + s.Key.Replace('.', '/')))
            .ToList());
}
