using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>POST /containers/{id}/exec.</summary>
public sealed class ExecConfig
{
    public string User { get; set; } = "";

    public bool Privileged { get; set; }

    public bool Tty { get; set; }

    public List<int>? ConsoleSize { get; set; }

    public bool AttachStdin { get; set; }

    public bool AttachStderr { get; set; }

    public bool AttachStdout { get; set; }

    public bool Detach { get; set; }

    public string DetachKeys { get; set; } = "";

    public List<string>? Env { get; set; }

    public string WorkingDir { get; set; } = "";

    public List<string>? Cmd { get; set; }
}

public sealed class IdResponse
{
    public string Id { get; set; } = "";
}

/// <summary>POST /exec/{id}/start.</summary>
public sealed class ExecStartConfig
{
    public bool Detach { get; set; }

    public bool Tty { get; set; }

    public List<int>? ConsoleSize { get; set; }
}

/// <summary>GET /exec/{id}/json.</summary>
public sealed class ExecInspectResponse
{
    public bool CanRemove { get; set; }

    public string ContainerID { get; set; } = "";

    public string DetachKeys { get; set; } = "";

    public int? ExitCode { get; set; }

    public string ID { get; set; } = "";

    public bool OpenStderr { get; set; }

    public bool OpenStdin { get; set; }

    public bool OpenStdout { get; set; }

    public ExecProcessConfig ProcessConfig { get; set; } = new();

    public bool Running { get; set; }

    public int Pid { get; set; }
}

public sealed class ExecProcessConfig
{
    [JsonPropertyName("arguments")]
    public List<string> Arguments { get; set; } = [];

    [JsonPropertyName("entrypoint")]
    public string Entrypoint { get; set; } = "";

    [JsonPropertyName("privileged")]
    public bool Privileged { get; set; }

    [JsonPropertyName("tty")]
    public bool Tty { get; set; }

    [JsonPropertyName("user")]
    public string User { get; set; } = "";
}
