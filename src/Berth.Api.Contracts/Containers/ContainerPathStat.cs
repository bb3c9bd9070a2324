using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>The X-Docker-Container-Path-Stat header of /containers/{id}/archive (base64 of this JSON); Mode is Go's os.FileMode.</summary>
public sealed class ContainerPathStat
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("mode")]
    public uint Mode { get; set; }

    [JsonPropertyName("mtime")]
    public string Mtime { get; set; } = "";

    [JsonPropertyName("linkTarget")]
    public string LinkTarget { get; set; } = "";
}
