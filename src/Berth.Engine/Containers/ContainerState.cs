namespace Berth.Engine.Containers;

/// <summary>The persisted runtime state of a container.</summary>
public sealed record ContainerState
{
    public ContainerStatus Status { get; init; } = ContainerStatus.Created;

    public int Pid { get; init; }

    public int ExitCode { get; init; }

    public string Error { get; init; } = "";

    public bool OomKilled { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime FinishedAt { get; init; }

    /// <summary>Null without a healthcheck; "starting" again at every start.</summary>
    public Health.HealthState? Health { get; init; }
}
