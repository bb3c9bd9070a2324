namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>A client attached to the container's streams (`docker attach`, `docker run` without -d): the "attach" event.</summary>
    public void RecordAttach(ContainerRecord record) => Emit("attach", record);

    /// <summary>The client typed the detach keys: the "detach" event, with the container's labels as every container event has them.</summary>
    public void RecordDetach(ContainerRecord record) => Emit("detach", record);
}
