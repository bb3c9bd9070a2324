using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>GET /containers/{id}/json (swagger ContainerInspectResponse).</summary>
public sealed class ContainerInspectResponse
{
    public string Id { get; set; } = "";

    /// <summary>RFC 3339 with nanoseconds.</summary>
    public string Created { get; set; } = "";

    public string Path { get; set; } = "";

    public List<string> Args { get; set; } = [];

    public ContainerState State { get; set; } = new();

    /// <summary>The image ID (sha256:...), not its name.</summary>
    public string Image { get; set; } = "";

    public string ResolvConfPath { get; set; } = "";

    public string HostnamePath { get; set; } = "";

    public string HostsPath { get; set; } = "";

    public string LogPath { get; set; } = "";

    /// <summary>With a leading slash: "/x".</summary>
    public string Name { get; set; } = "";

    public int RestartCount { get; set; }

    public string Driver { get; set; } = "";

    public string Platform { get; set; } = "linux";

    public string MountLabel { get; set; } = "";

    public string ProcessLabel { get; set; } = "";

    public string AppArmorProfile { get; set; } = "";

    public List<string>? ExecIDs { get; set; }

    public HostConfig HostConfig { get; set; } = new();

    public GraphDriverData GraphDriver { get; set; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRw { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRootFs { get; set; }

    public List<MountPoint> Mounts { get; set; } = [];

    public ContainerConfig Config { get; set; } = new();

    public NetworkSettings NetworkSettings { get; set; } = new();
}

public sealed class ContainerState
{
    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string Status { get; set; } = "";

    public bool Running { get; set; }

    public bool Paused { get; set; }

    public bool Restarting { get; set; }

    public bool OOMKilled { get; set; }

    public bool Dead { get; set; }

    public int Pid { get; set; }

    public int ExitCode { get; set; }

    public string Error { get; set; } = "";

    public string StartedAt { get; set; } = "0001-01-01T00:00:00Z";

    public string FinishedAt { get; set; } = "0001-01-01T00:00:00Z";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Health? Health { get; set; }
}

public sealed class Health
{
    public string Status { get; set; } = "";

    public int FailingStreak { get; set; }

    public List<HealthLog>? Log { get; set; }
}

public sealed class HealthLog
{
    public string Start { get; set; } = "";

    public string End { get; set; } = "";

    public int ExitCode { get; set; }

    public string Output { get; set; } = "";
}

public sealed class GraphDriverData
{
    public string Name { get; set; } = "overlay2";

    public Dictionary<string, string> Data { get; set; } = [];
}

/// <summary>One entry of a container's Mounts, as inspect and ps show it.</summary>
public sealed class MountPoint
{
    public string Type { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Name { get; set; }

    public string Source { get; set; } = "";

    public string Destination { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Driver { get; set; }

    public string Mode { get; set; } = "";

    public bool RW { get; set; }

    public string Propagation { get; set; } = "";
}

public sealed class NetworkSettings
{
    public string Bridge { get; set; } = "";

    public string SandboxID { get; set; } = "";

    public string SandboxKey { get; set; } = "";

    public Dictionary<string, List<PortBinding>?> Ports { get; set; } = [];

    public bool HairpinMode { get; set; }

    public string LinkLocalIPv6Address { get; set; } = "";

    public int LinkLocalIPv6PrefixLen { get; set; }

    public List<Address>? SecondaryIPAddresses { get; set; }

    public List<Address>? SecondaryIPv6Addresses { get; set; }

    public string EndpointID { get; set; } = "";

    public string Gateway { get; set; } = "";

    public string GlobalIPv6Address { get; set; } = "";

    public int GlobalIPv6PrefixLen { get; set; }

    public string IPAddress { get; set; } = "";

    public int IPPrefixLen { get; set; }

    public string IPv6Gateway { get; set; } = "";

    public string MacAddress { get; set; } = "";

    public Dictionary<string, EndpointSettings> Networks { get; set; } = [];
}

public sealed class Address
{
    public string Addr { get; set; } = "";

    public int PrefixLen { get; set; }
}

public sealed class EndpointSettings
{
    public EndpointIpamConfig? IPAMConfig { get; set; }

    public List<string>? Links { get; set; }

    public string MacAddress { get; set; } = "";

    public List<string>? Aliases { get; set; }

    public Dictionary<string, string>? DriverOpts { get; set; }

    public long GwPriority { get; set; }

    public string NetworkID { get; set; } = "";

    public string EndpointID { get; set; } = "";

    public string Gateway { get; set; } = "";

    public string IPAddress { get; set; } = "";

    public int IPPrefixLen { get; set; }

    public string IPv6Gateway { get; set; } = "";

    public string GlobalIPv6Address { get; set; } = "";

    public long GlobalIPv6PrefixLen { get; set; }

    public List<string>? DNSNames { get; set; }
}

public sealed class EndpointIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? IPv4Address { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? IPv6Address { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? LinkLocalIPs { get; set; }
}
