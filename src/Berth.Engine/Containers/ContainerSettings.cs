namespace Berth.Engine.Containers;

/// <summary>
/// What a container was created with, after merging the image's defaults: the engine's own model
/// of Docker's Config (the API maps wire shapes to and from it).
/// </summary>
public sealed record ContainerSettings
{
    public string Hostname { get; init; } = "";

    public string Domainname { get; init; } = "";

    public string User { get; init; } = "";

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; }

    public bool AttachStderr { get; init; }

    /// <summary>"80/tcp" style keys.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public bool Tty { get; init; }

    public bool OpenStdin { get; init; }

    public bool StdinOnce { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The image as the user named it.</summary>
    public string Image { get; init; } = "";

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public string WorkingDir { get; init; } = "";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? StopSignal { get; init; }

    public int? StopTimeout { get; init; }

    public IReadOnlyList<string>? OnBuild { get; init; }

    public IReadOnlyList<string>? Shell { get; init; }

    public HealthcheckSettings? Healthcheck { get; init; }

    public bool ArgsEscaped { get; init; }

    public bool NetworkDisabled { get; init; }

    public string? MacAddress { get; init; }
}

public sealed record HealthcheckSettings(IReadOnlyList<string>? Test, long Interval, long Timeout, long StartPeriod, long StartInterval, int Retries);
