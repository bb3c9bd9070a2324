using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Volumes;

public sealed class Volume
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedAt { get; set; }

    public string Driver { get; set; } = "local";

    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Spelled exactly so: podman-compose broke on "mountPoint".</summary>
    public string Mountpoint { get; set; } = "";

    public string Name { get; set; } = "";

    public Dictionary<string, string>? Options { get; set; }

    public string Scope { get; set; } = "local";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Status { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeUsageData? UsageData { get; set; }
}

public sealed class VolumeUsageData
{
    public long Size { get; set; }

    public long RefCount { get; set; }
}

public sealed class VolumeCreateRequest
{
    public string? Name { get; set; }

    public string? Driver { get; set; }

    public Dictionary<string, string>? DriverOpts { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class VolumeListResponse
{
    public List<Volume> Volumes { get; set; } = [];

    public List<string>? Warnings { get; set; }
}

public sealed class VolumePruneResponse
{
    public List<string>? VolumesDeleted { get; set; }

    public long SpaceReclaimed { get; set; }
}
