using System.Text.Json.Serialization;
using Berth.Api.Contracts.Json;

namespace Berth.Api.Contracts.Containers;

/// <summary>The portable part of a container's configuration (swagger ContainerConfig); also an image's Config.</summary>
public class ContainerConfig
{
    public string Hostname { get; set; } = "";

    public string Domainname { get; set; } = "";

    public string User { get; set; } = "";

    public bool AttachStdin { get; set; }

    public bool AttachStdout { get; set; }

    public bool AttachStderr { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }

    public bool Tty { get; set; }

    public bool OpenStdin { get; set; }

    public bool StdinOnce { get; set; }

    public List<string>? Env { get; set; }

    public StrSlice? Cmd { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthConfig? Healthcheck { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ArgsEscaped { get; set; }

    public string Image { get; set; } = "";

    public Dictionary<string, EmptyObject>? Volumes { get; set; }

    public string WorkingDir { get; set; } = "";

    public StrSlice? Entrypoint { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NetworkDisabled { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MacAddress { get; set; }

    public List<string>? OnBuild { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopSignal { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Shell { get; set; }
}

public sealed class HealthConfig
{
    public List<string>? Test { get; set; }

    public long Interval { get; set; }

    public long Timeout { get; set; }

    public long StartPeriod { get; set; }

    public long StartInterval { get; set; }

    public int Retries { get; set; }
}

/// <summary>The body of POST /containers/create: the config, flattened, plus HostConfig and NetworkingConfig.</summary>
public sealed class ContainerCreateRequest : ContainerConfig
{
    public HostConfig? HostConfig { get; set; }

    public NetworkingConfig? NetworkingConfig { get; set; }
}

public sealed class ContainerCreateResponse
{
    public string Id { get; set; } = "";

    public List<string> Warnings { get; set; } = [];
}

public sealed class NetworkingConfig
{
    public Dictionary<string, EndpointSettings>? EndpointsConfig { get; set; }
}
