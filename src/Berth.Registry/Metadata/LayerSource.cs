using System.Text.Json.Serialization;
using Berth.Core.Ids;
using Berth.Images.Json;

namespace Berth.Registry.Metadata;

/// <summary>A registry blob known to hold a layer: its digest and size as stored (compressed), in which repository.</summary>
public sealed record LayerSource
{
    [JsonPropertyName("Digest")]
    [JsonConverter(typeof(DigestConverter))]
    public required Digest Digest { get; init; }

    [JsonPropertyName("Size")]
    public required long Size { get; init; }

    [JsonPropertyName("MediaType")]
    public required string MediaType { get; init; }

    /// <summary>The registry, as images name it: <c>docker.io</c>, <c>myreg:5000</c>.</summary>
    [JsonPropertyName("Registry")]
    public required string Registry { get; init; }

    /// <summary>The repository path inside the registry: <c>library/busybox</c>.</summary>
    [JsonPropertyName("Repository")]
    public required string Repository { get; init; }
}
