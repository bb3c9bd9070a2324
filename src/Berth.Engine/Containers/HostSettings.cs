namespace Berth.Engine.Containers;

/// <summary>The host-side configuration of a container: the engine's model of Docker's HostConfig.</summary>
public sealed record HostSettings
{
    public long Memory { get; init; }

    public long MemorySwap { get; init; }

    public long MemoryReservation { get; init; }

    public long? MemorySwappiness { get; init; }

    public long NanoCpus { get; init; }

    public long CpuShares { get; init; }

    public long CpuPeriod { get; init; }

    public long CpuQuota { get; init; }

    public string CpusetCpus { get; init; } = "";

    public string CpusetMems { get; init; } = "";

    public long? PidsLimit { get; init; }

    public bool? OomKillDisable { get; init; }

    public bool? Init { get; init; }

    public IReadOnlyList<string> Binds { get; init; } = [];

    public IReadOnlyList<MountRequest> Mounts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> VolumesFrom { get; init; } = [];

    public string NetworkMode { get; init; } = "bridge";

    public IReadOnlyDictionary<string, IReadOnlyList<PortBindingSettings>> PortBindings { get; init; } =
        new Dictionary<string, IReadOnlyList<PortBindingSettings>>();

    public bool PublishAllPorts { get; init; }

    public IReadOnlyList<string> Links { get; init; } = [];

    public IReadOnlyList<string> Dns { get; init; } = [];

    public IReadOnlyList<string> DnsOptions { get; init; } = [];

    public IReadOnlyList<string> DnsSearch { get; init; } = [];

    public IReadOnlyList<string> ExtraHosts { get; init; } = [];

    public RestartPolicySettings RestartPolicy { get; init; } = new("no", 0);

    public bool AutoRemove { get; init; }

    public bool Privileged { get; init; }

    public bool ReadonlyRootfs { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    public IReadOnlyList<string> GroupAdd { get; init; } = [];

    public long ShmSize { get; init; }

    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    public string? Runtime { get; init; }

    public IReadOnlyList<int> ConsoleSize { get; init; } = [0, 0];

    public string LogType { get; init; } = "json-file";

    public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

    public string IpcMode { get; init; } = "private";

    public string PidMode { get; init; } = "";

    public string UtsMode { get; init; } = "";

    public string CgroupnsMode { get; init; } = "host";

    public int OomScoreAdj { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}

public sealed record PortBindingSettings(string HostIp, string HostPort);

public sealed record RestartPolicySettings(string Name, int MaximumRetryCount);

/// <summary>One --mount request, as the user gave it.</summary>
public sealed record MountRequest
{
    public required string Type { get; init; }

    public string? Source { get; init; }

    public required string Target { get; init; }

    public bool ReadOnly { get; init; }

    public string? Propagation { get; init; }

    public bool CreateMountpoint { get; init; }

    public bool NoCopy { get; init; }

    public IReadOnlyDictionary<string, string>? VolumeLabels { get; init; }

    public string? VolumeDriver { get; init; }

    public IReadOnlyDictionary<string, string>? VolumeDriverOptions { get; init; }

    public string? Subpath { get; init; }

    public long TmpfsSizeBytes { get; init; }

    public int TmpfsMode { get; init; }
}
