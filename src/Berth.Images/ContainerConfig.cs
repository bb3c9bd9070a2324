using System.Text.Json.Serialization;
using Berth.Images.Json;

namespace Berth.Images;

/// <summary>
/// The <c>config</c> of an image: the defaults of containers made from it. OCI's fields plus Docker's
/// (<c>Healthcheck</c>, <c>OnBuild</c>, <c>Shell</c>), named as in the JSON.
/// </summary>
public sealed class ContainerConfig
{
    public string? User { get; set; }

    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }

    public List<string>? Env { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Entrypoint { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Cmd { get; set; }

    public Dictionary<string, EmptyObject>? Volumes { get; set; }

    public string? WorkingDir { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public string? StopSignal { get; set; }

    public bool? ArgsEscaped { get; set; }

    public HealthConfig? Healthcheck { get; set; }

    public List<string>? OnBuild { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Shell { get; set; }
}

/// <summary>An image's HEALTHCHECK; durations in nanoseconds, zero meaning "the default".</summary>
public sealed class HealthConfig
{
    /// <summary><c>["NONE"]</c>, <c>["CMD", args...]</c> or <c>["CMD-SHELL", command]</c>.</summary>
    public List<string>? Test { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Interval { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Timeout { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartPeriod { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartInterval { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Retries { get; set; }
}
