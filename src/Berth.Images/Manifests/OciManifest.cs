using System.Text.Json.Serialization;

namespace Berth.Images.Manifests;

/// <summary>An image manifest: OCI (image-spec manifest.md) or Docker schema 2, which share this shape.</summary>
public sealed class OciManifest
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; set; }

    [JsonPropertyName("config")]
    public OciDescriptor? Config { get; set; }

    [JsonPropertyName("layers")]
    public List<OciDescriptor>? Layers { get; set; }

    /// <summary>Present only in an index (OCI image index or Docker manifest list), which shares the JSON document shape.</summary>
    [JsonPropertyName("manifests")]
    public List<OciDescriptor>? Manifests { get; set; }
}
