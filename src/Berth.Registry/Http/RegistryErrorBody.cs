using System.Text.Json.Serialization;

namespace Berth.Registry.Http;

/// <summary>The error body of the distribution API: <c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}</c>.</summary>
internal sealed class RegistryErrorBody
{
    [JsonPropertyName("errors")]
    public List<RegistryErrorEntry>? Errors { get; set; }
}

internal sealed class RegistryErrorEntry
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>The answer of GET /v2/NAME/tags/list.</summary>
internal sealed class TagList
{
    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }
}
