using Berth.Core.Ids;
using Berth.Images;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker diff`: what the container changed in its image's filesystem, read from its writable layer.</summary>
    public IReadOnlyList<FilesystemChange> Changes(string idOrName)
    {
        var record = Get(idOrName);
        var lowers = record.ImageChainIds.Select(c => _images.Layers.DiffDir(Digest.Parse(c))).Reverse().ToList();
        return OverlayChanges.Compute(_snapshots.UpperDir(record.Id), lowers);
    }
}
