using System.Text.Json.Serialization;
using Berth.Api.Contracts.Containers;

namespace Berth.Api.Contracts.Images;

/// <summary>One entry of GET /images/json.</summary>
public sealed class ImageSummary
{
    public string Id { get; set; } = "";

    public string ParentId { get; set; } = "";

    public List<string> RepoTags { get; set; } = [];

    public List<string> RepoDigests { get; set; } = [];

    /// <summary>Unix seconds.</summary>
    public long Created { get; set; }

    public long Size { get; set; }

    /// <summary>-1 unless computed.</summary>
    public long SharedSize { get; set; } = -1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? VirtualSize { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>-1 unless computed.</summary>
    public long Containers { get; set; } = -1;
}

/// <summary>GET /images/{name}/json.</summary>
public sealed class ImageInspectResponse
{
    public string Id { get; set; } = "";

    public List<string> RepoTags { get; set; } = [];

    public List<string> RepoDigests { get; set; } = [];

    public string Parent { get; set; } = "";

    public string Comment { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; set; }

    /// <summary>Kept for API &lt; 1.45 (compose 1.29 reads ContainerConfig.Volumes).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Container { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContainerConfig? ContainerConfig { get; set; }

    public string DockerVersion { get; set; } = "";

    public string Author { get; set; } = "";

    public ContainerConfig? Config { get; set; }

    public string Architecture { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; set; }

    public string Os { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OsVersion { get; set; }

    public long Size { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? VirtualSize { get; set; }

    public GraphDriverData GraphDriver { get; set; } = new();

    public RootFs RootFS { get; set; } = new();

    public ImageMetadata Metadata { get; set; } = new();
}

public sealed class RootFs
{
    public string Type { get; set; } = "layers";

    public List<string> Layers { get; set; } = [];
}

public sealed class ImageMetadata
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastTagTime { get; set; }
}

public sealed class ImageDeleteResponseItem
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Untagged { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deleted { get; set; }
}

public sealed class ImagePruneResponse
{
    public List<ImageDeleteResponseItem>? ImagesDeleted { get; set; }

    public long SpaceReclaimed { get; set; }
}

public sealed class ImageHistoryItem
{
    public string Id { get; set; } = "";

    public long Created { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<string>? Tags { get; set; }

    public long Size { get; set; }

    public string Comment { get; set; } = "";
}

/// <summary>Body of POST /auth and the X-Registry-Auth header (base64url JSON).</summary>
public sealed class AuthConfig
{
    [JsonPropertyName("username")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Username { get; set; }

    [JsonPropertyName("password")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Password { get; set; }

    [JsonPropertyName("auth")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Auth { get; set; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; set; }

    [JsonPropertyName("serveraddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServerAddress { get; set; }

    [JsonPropertyName("identitytoken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdentityToken { get; set; }

    [JsonPropertyName("registrytoken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RegistryToken { get; set; }
}

public sealed class AuthResponse
{
    public string Status { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdentityToken { get; set; }
}
