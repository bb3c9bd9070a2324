using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Archive;
using Berth.Linux;

namespace Berth.Images;

public sealed partial class LayerStore
{
    /// <summary>
    /// Unpacks a layer whose place in a stack is not known yet: an image archive streams its layers before the
    /// manifest that orders them. Unpacking does not depend on the parent (a layer is stored in its own overlay
    /// form), so the layer is unpacked, hashed and (optionally) copied in one pass now, and only named by its
    /// ChainID when <see cref="PublishStaged"/> puts it in place. Nothing is visible in either store until then.
    /// </summary>
    /// <exception cref="BerthException">InvalidArgument for a corrupt or truncated archive, or an entry that would escape.</exception>
    internal async Task<StagedLayer> StageAsync(Stream layerTar, LocalContentStore? keepTarIn, CancellationToken ct)
    {
        var staging = Path.Combine(_staging, Guid.NewGuid().ToString("N"));
        var diff = Path.Combine(staging, DiffDirName);
        Directory.CreateDirectory(diff);
        var keptTar = keepTarIn?.BeginIngest();
        try
        {
            FileSystemMetadata.SetMode(diff, DiffDirMode);
            await using var reader = await LayerTarReader.OpenAsync(layerTar, keptTar, ct).ConfigureAwait(false);
            var size = await LayerUnpacker.UnpackAsync(reader, diff, ct).ConfigureAwait(false);
            return new StagedLayer(staging, reader.DiffId, size, keptTar);
        }
        catch (Exception e)
        {
            keptTar?.Dispose();
            FileSystemTree.Remove(staging);
            throw e is BerthException or OperationCanceledException ? e : Errors.Internal($"failed to register layer: {e.Message}", e);
        }
    }

    /// <summary>
    /// Stores a staged layer above <paramref name="parentChainId"/> (and its kept tar as the blob named by its
    /// DiffID). If that ChainID is already stored, the stored layer is returned and the staged copy is dropped.
    /// A staged layer is published once; to place the same layer over another parent, apply its kept tar.
    /// </summary>
    internal LayerInfo PublishStaged(StagedLayer staged, Digest? parentChainId)
    {
        if (parentChainId is { } parent && !Exists(parent))
        {
            throw NotFound(parent);
        }

        var layer = new LayerInfo(staged.DiffId, ChainId.Next(parentChainId, staged.DiffId), staged.Size);
        staged.KeptTar?.Commit(staged.DiffId);
        if (Exists(layer.ChainId))
        {
            staged.Dispose();
            return Get(layer.ChainId);
        }

        WriteMetadata(staged.Directory, layer, parentChainId);
        var placed = Publish(staged.Directory, layer);
        staged.Dispose();
        return placed ? layer : Get(layer.ChainId);
    }
}
