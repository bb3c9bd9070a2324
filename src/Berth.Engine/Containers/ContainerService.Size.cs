using Berth.Core.Ids;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Bytes the container has written to its own layer.</summary>
    public long SizeRw(string id) => _snapshots.UsageOf(id);

    /// <summary>Bytes of the whole filesystem the container sees: its image layers plus its own.</summary>
    public long SizeRootFs(ContainerRecord c) =>
        c.ImageChainIds.Select(Digest.Parse).Where(_images.Layers.Exists).Sum(_images.Layers.SizeOf) + SizeRw(c.Id);
}
