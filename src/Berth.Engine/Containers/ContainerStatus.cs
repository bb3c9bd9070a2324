namespace Berth.Engine.Containers;

/// <summary>Docker's container states; the text is what State.Status and ps's filter use.</summary>
public enum ContainerStatus
{
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}

public static class ContainerStatusExtensions
{
    public static string ToDockerString(this ContainerStatus status) => status switch
    {
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        ContainerStatus.Restarting => "restarting",
        ContainerStatus.Removing => "removing",
        ContainerStatus.Exited => "exited",
        _ => "dead",
    };

    /// <summary>Running in Docker's sense: a process exists (paused and restarting count).</summary>
    public static bool IsRunning(this ContainerStatus status) =>
        status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
}
