using System.Text.Json.Serialization;
using Berth.Core.Ids;

namespace Berth.Images;

/// <summary>
/// An image's configuration: the OCI image config (image-spec config.md) with Docker's additions. Its JSON bytes,
/// as stored, define the image ID; see <see cref="ImageConfigJson"/>.
/// </summary>
public sealed class ImageConfig
{
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("author")]
    public string? Author { get; set; }

    [JsonPropertyName("architecture")]
    public string Architecture { get; set; } = "";

    [JsonPropertyName("os")]
    public string Os { get; set; } = "";

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; set; }

    [JsonPropertyName("variant")]
    public string? Variant { get; set; }

    [JsonPropertyName("config")]
    public ContainerConfig? Config { get; set; }

    [JsonPropertyName("rootfs")]
    public RootFs RootFs { get; set; } = new();

    [JsonPropertyName("history")]
    public List<HistoryEntry>? History { get; set; }

    /// <summary>Docker's: the commit message of <c>docker commit</c>/<c>import</c>.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>Docker's, deprecated: the version of the daemon that built the image.</summary>
    [JsonPropertyName("docker_version")]
    public string? DockerVersion { get; set; }

    /// <summary>Docker's legacy builder: the ID of the container the image was committed from.</summary>
    [JsonPropertyName("container")]
    public string? Container { get; set; }

    /// <summary>Docker's legacy builder: the config of that container.</summary>
    [JsonPropertyName("container_config")]
    public ContainerConfig? ContainerConfig { get; set; }
}

/// <summary>The layers of an image, bottom first, by DiffID.</summary>
public sealed class RootFs
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "layers";

    [JsonPropertyName("diff_ids")]
    public List<Digest> DiffIds { get; set; } = [];
}

/// <summary>One step of how the image was made; <see cref="EmptyLayer"/> steps added no layer.</summary>
public sealed class HistoryEntry
{
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; set; }

    [JsonPropertyName("author")]
    public string? Author { get; set; }

    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("empty_layer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EmptyLayer { get; set; }
}
