using System.Text.Json.Serialization;
using Berth.Core.Ids;

namespace Berth.Images.Manifests;

/// <summary>An OCI content descriptor (image-spec descriptor.md): what a blob is, its digest and size.</summary>
public sealed class OciDescriptor
{
    [JsonPropertyName("mediaType")]
    public string MediaType { get; set; } = "";

    [JsonPropertyName("digest")]
    public Digest Digest { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("platform")]
    public OciPlatform? Platform { get; set; }
}

/// <summary>The platform an index entry is for.</summary>
public sealed class OciPlatform
{
    [JsonPropertyName("architecture")]
    public string Architecture { get; set; } = "";

    [JsonPropertyName("os")]
    public string Os { get; set; } = "";

    [JsonPropertyName("variant")]
    public string? Variant { get; set; }
}
