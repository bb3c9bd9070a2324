using Berth.Core.Mounts;

namespace Berth.Runtime;

/// <summary>Everything the runtime needs to build an OCI bundle for one container.</summary>
public sealed record ContainerSpec
{
    /// <summary>The container's 64-hex ID, also its name in the runtime.</summary>
    public required string Id { get; init; }

    /// <summary>Directory where config.json is written (the container's own directory).</summary>
    public required string BundleDir { get; init; }

    /// <summary>The already mounted root filesystem (the overlay) the container sees as /.</summary>
    public required string RootfsPath { get; init; }

    public bool ReadonlyRootfs { get; init; }

    public required ProcessSpec Process { get; init; }

    public required string Hostname { get; init; }

    public string? Domainname { get; init; }

    /// <summary>Mounts beyond Docker's defaults (/proc, /dev, /sys ... are added by the runtime layer), in order.</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    public ResourceLimits Resources { get; init; } = new();

    /// <summary>Path of a network namespace to join (/proc/PID/ns/net or a bind-mounted netns); null makes a new one with only loopback.</summary>
    public string? NetworkNamespacePath { get; init; }

    /// <summary>Share the host's network namespace (--network host).</summary>
    public bool HostNetwork { get; init; }

    public bool Privileged { get; init; }

    /// <summary>Capabilities added to/dropped from Docker's 14 defaults; "ALL" is allowed as in Docker.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary>Docker's default seccomp profile unless false (--security-opt seccomp=unconfined).</summary>
    public bool Seccomp { get; init; } = true;

    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>Size of /dev/shm in bytes (Docker's default 64 MiB).</summary>
    public long ShmSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Labels/annotations passed through to the bundle.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}

/// <summary>The process to run: the container's init, or an exec.</summary>
public sealed record ProcessSpec
{
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>KEY=VALUE entries, already merged from image and user, PATH included.</summary>
    public required IReadOnlyList<string> Env { get; init; }

    /// <summary>Absolute working directory inside the container; created by the runtime if missing.</summary>
    public string Cwd { get; init; } = "/";

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];

    public bool Terminal { get; init; }

    /// <summary>Initial terminal size (rows, columns) when <see cref="Terminal"/>.</summary>
    public ushort ConsoleRows { get; init; }

    public ushort ConsoleColumns { get; init; }

    public bool NoNewPrivileges { get; init; }

    /// <summary>For exec: run with all capabilities (exec --privileged).</summary>
    public bool Privileged { get; init; }
}

/// <summary>cgroup limits; null means no limit.</summary>
public sealed partial record ResourceLimits
{
    public long? MemoryBytes { get; init; }

    /// <summary>Memory+swap in bytes; -1 unlimited swap; null = twice the memory limit, as Docker.</summary>
    public long? MemorySwapBytes { get; init; }

    public long? MemoryReservationBytes { get; init; }

    /// <summary>CPUs in billionths (--cpus 1.5 = 1_500_000_000).</summary>
    public long? NanoCpus { get; init; }

    public long? CpuShares { get; init; }

    public long? CpuQuota { get; init; }

    public long? CpuPeriod { get; init; }

    public string? CpusetCpus { get; init; }

    public long? PidsLimit { get; init; }
}

/// <summary>How the process's standard streams are wired.</summary>
public sealed record StdioSpec
{
    /// <summary>Allocate a pseudo-terminal; the master comes back as <see cref="RunningProcess.Terminal"/>.</summary>
    public bool Terminal { get; init; }

    /// <summary>Give the process a stdin pipe (-i); otherwise stdin is /dev/null.</summary>
    public bool OpenStdin { get; init; }

    public static StdioSpec NoStdin { get; } = new();
}
