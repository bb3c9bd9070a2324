using Berth.Core.Ids;
using Berth.Engine.Containers;
using Berth.Images;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// Stores what a container wrote (its overlay <paramref name="upperDir"/>) as a layer above the container's image,
    /// and records the child image; a container that changed nothing adds no layer. Returns the image ID.
    /// </summary>
    internal async Task<string> CommitAsync(ContainerRecord container, string upperDir, CommitDetails details, ImageRef? reference, CancellationToken ct)
    {
        var chain = container.ImageChainIds.Select(Digest.Parse).ToList();
        var parent = ParentConfig(container, chain);
        LayerInfo? layer = null;
        if (!OverlayDiff.IsEmpty(upperDir))
        {
            layer = await OverlayDiff.StoreAsync(upperDir, chain.Count == 0 ? null : chain[^1], _layers, _content, ct).ConfigureAwait(false);
            chain.Add(layer.ChainId);
        }

        var config = ChildImage.Create(parent, layer?.DiffId, details);
        var id = await _content.WriteAsync(ImageConfigJson.Serialize(config), ct).ConfigureAwait(false);
        var record = new ImageRecord
        {
            Id = id.ToString(),
            ChainIds = chain.Select(c => c.ToString()).ToList(),
            DiffIds = config.RootFs.DiffIds.Select(d => d.ToString()).ToList(),
            Size = chain.Sum(_layers.SizeOf),
            Loaded = DateTime.UtcNow,
            Parent = _store.ById(container.ImageId) is null ? "" : container.ImageId,
        };
        await AddImageAsync(record, reference).ConfigureAwait(false);
        return record.Id;
    }

    /// <summary>The container's image config; if the image was removed since (force), one rebuilt from the layers the container keeps.</summary>
    private ImageConfig ParentConfig(ContainerRecord container, IReadOnlyList<Digest> chain)
    {
        if (_store.ById(container.ImageId) is not null)
        {
            return GetConfig(container.ImageId);
        }

        return new ImageConfig
        {
            Os = "linux",
            Architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64",
            RootFs = new RootFs { DiffIds = chain.Select(c => _layers.Get(c).DiffId).ToList() },
        };
    }
}
