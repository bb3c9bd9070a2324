using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>The non-portable part of a container's configuration (swagger HostConfig).</summary>
public sealed class HostConfig
{
    // Resources
    public long CpuShares { get; set; }

    public long Memory { get; set; }

    public string CgroupParent { get; set; } = "";

    public int BlkioWeight { get; set; }

    public List<WeightDevice>? BlkioWeightDevice { get; set; }

    public List<ThrottleDevice>? BlkioDeviceReadBps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceWriteBps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceReadIOps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceWriteIOps { get; set; }

    public long CpuPeriod { get; set; }

    public long CpuQuota { get; set; }

    public long CpuRealtimePeriod { get; set; }

    public long CpuRealtimeRuntime { get; set; }

    public string CpusetCpus { get; set; } = "";

    public string CpusetMems { get; set; } = "";

    public List<DeviceMapping>? Devices { get; set; }

    public List<string>? DeviceCgroupRules { get; set; }

    public List<DeviceRequest>? DeviceRequests { get; set; }

    public long MemoryReservation { get; set; }

    public long MemorySwap { get; set; }

    public long? MemorySwappiness { get; set; }

    public long NanoCpus { get; set; }

    public bool? OomKillDisable { get; set; }

    public bool? Init { get; set; }

    public long? PidsLimit { get; set; }

    public List<Ulimit>? Ulimits { get; set; }

    public long CpuCount { get; set; }

    public long CpuPercent { get; set; }

    public long IOMaximumIOps { get; set; }

    public long IOMaximumBandwidth { get; set; }

    // Host
    public List<string>? Binds { get; set; }

    public string ContainerIDFile { get; set; } = "";

    public LogConfig LogConfig { get; set; } = new();

    public string NetworkMode { get; set; } = "";

    public Dictionary<string, List<PortBinding>?>? PortBindings { get; set; }

    public RestartPolicy RestartPolicy { get; set; } = new();

    public bool AutoRemove { get; set; }

    public string VolumeDriver { get; set; } = "";

    public List<string>? VolumesFrom { get; set; }

    public List<int>? ConsoleSize { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Annotations { get; set; }

    public List<string>? CapAdd { get; set; }

    public List<string>? CapDrop { get; set; }

    public string CgroupnsMode { get; set; } = "";

    public List<string>? Dns { get; set; }

    public List<string>? DnsOptions { get; set; }

    public List<string>? DnsSearch { get; set; }

    public List<string>? ExtraHosts { get; set; }

    public List<string>? GroupAdd { get; set; }

    public string IpcMode { get; set; } = "";

    public string Cgroup { get; set; } = "";

    public List<string>? Links { get; set; }

    public int OomScoreAdj { get; set; }

    public string PidMode { get; set; } = "";

    public bool Privileged { get; set; }

    public bool PublishAllPorts { get; set; }

    public bool ReadonlyRootfs { get; set; }

    public List<string>? SecurityOpt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? StorageOpt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Tmpfs { get; set; }

    public string UTSMode { get; set; } = "";

    public string UsernsMode { get; set; } = "";

    public long ShmSize { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Sysctls { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Runtime { get; set; }

    public string Isolation { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Mount>? Mounts { get; set; }

    public List<string>? MaskedPaths { get; set; }

    public List<string>? ReadonlyPaths { get; set; }
}

public sealed class LogConfig
{
    public string Type { get; set; } = "";

    public Dictionary<string, string>? Config { get; set; }
}

public sealed class RestartPolicy
{
    public string Name { get; set; } = "";

    public int MaximumRetryCount { get; set; }
}

public sealed class PortBinding
{
    public string HostIp { get; set; } = "";

    public string HostPort { get; set; } = "";
}

public sealed class Ulimit
{
    public string Name { get; set; } = "";

    public long Soft { get; set; }

    public long Hard { get; set; }
}

public sealed class WeightDevice
{
    public string Path { get; set; } = "";

    public int Weight { get; set; }
}

public sealed class ThrottleDevice
{
    public string Path { get; set; } = "";

    public long Rate { get; set; }
}

public sealed class DeviceMapping
{
    public string PathOnHost { get; set; } = "";

    public string PathInContainer { get; set; } = "";

    public string CgroupPermissions { get; set; } = "";
}

public sealed class DeviceRequest
{
    public string Driver { get; set; } = "";

    public int Count { get; set; }

    public List<string>? DeviceIDs { get; set; }

    public List<List<string>>? Capabilities { get; set; }

    public Dictionary<string, string>? Options { get; set; }
}

/// <summary>One entry of HostConfig.Mounts (<c>--mount</c>).</summary>
public sealed class Mount
{
    public string Type { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Source { get; set; }

    public string Target { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnly { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Consistency { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BindOptions? BindOptions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeOptions? VolumeOptions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TmpfsOptions? TmpfsOptions { get; set; }
}

public sealed class BindOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Propagation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NonRecursive { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CreateMountpoint { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnlyNonRecursive { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnlyForceRecursive { get; set; }
}

public sealed class VolumeOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoCopy { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DriverConfig? DriverConfig { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Subpath { get; set; }
}

public sealed class DriverConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Options { get; set; }
}

public sealed class TmpfsOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SizeBytes { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Mode { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<List<string>>? Options { get; set; }
}
