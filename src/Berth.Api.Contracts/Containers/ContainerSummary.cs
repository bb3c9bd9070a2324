using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>One entry of GET /containers/json.</summary>
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";

    /// <summary>Each starts with "/": the CLI strips the first character unchecked.</summary>
    public List<string> Names { get; set; } = [];

    public string Image { get; set; } = "";

    public string ImageID { get; set; } = "";

    public string Command { get; set; } = "";

    /// <summary>Unix seconds.</summary>
    public long Created { get; set; }

    public List<Port> Ports { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRw { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRootFs { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public string State { get; set; } = "";

    public string Status { get; set; } = "";

    public SummaryHostConfig HostConfig { get; set; } = new();

    public SummaryNetworkSettings NetworkSettings { get; set; } = new();

    public List<MountPoint> Mounts { get; set; } = [];
}

public sealed class Port
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IP { get; set; }

    public int PrivatePort { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PublicPort { get; set; }

    public string Type { get; set; } = "";
}

public sealed class SummaryHostConfig
{
    public string NetworkMode { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Annotations { get; set; }
}

public sealed class SummaryNetworkSettings
{
    public Dictionary<string, EndpointSettings> Networks { get; set; } = [];
}

public sealed class ContainerWaitResponse
{
    public int StatusCode { get; set; }

    public WaitExitError? Error { get; set; }
}

public sealed class WaitExitError
{
    public string Message { get; set; } = "";
}

public sealed class ContainerPruneResponse
{
    public List<string>? ContainersDeleted { get; set; }

    public long SpaceReclaimed { get; set; }
}

public sealed class ContainerTopResponse
{
    public List<string> Titles { get; set; } = [];

    public List<List<string>> Processes { get; set; } = [];
}

public sealed class ContainerUpdateResponse
{
    public List<string> Warnings { get; set; } = [];
}

public sealed class FilesystemChange
{
    public string Path { get; set; } = "";

    public int Kind { get; set; }
}
