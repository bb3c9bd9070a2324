using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>
/// <c>docker load</c>: reads a Docker archive (25+ combined, or the older <c>&lt;id&gt;/layer.tar</c> layout) or a pure
/// OCI image layout, gzip-, zstd- or un-compressed layers. <see cref="ReadAsync"/> takes the whole archive in one
/// pass and checks every digest; nothing is visible in the stores until <see cref="PendingLoad.CommitAsync"/>,
/// so a corrupt or truncated archive leaves them exactly as they were.
/// </summary>
public sealed class ImageLoader(LocalContentStore content, LayerStore layers)
{
    /// <exception cref="BerthException">InvalidArgument for a malformed, corrupt or truncated archive or a digest mismatch.</exception>
    public async Task<PendingLoad> ReadAsync(Stream archive, ILoadProgress? progress, CancellationToken ct)
    {
        var contents = await ArchiveScanner.ScanAsync(archive, content, layers, progress, ct).ConfigureAwait(false);
        try
        {
            var images = ArchiveManifests.Read(contents);
            foreach (var image in images)
            {
                Verify(image, contents);
            }

            return new PendingLoad(contents, images, content, layers);
        }
        catch
        {
            contents.Dispose();
            throw;
        }
    }

    /// <summary>Checks that every layer the image does not share with the store is in the archive and hashes as the image says.</summary>
    private void Verify(ArchiveImage image, ArchiveContents contents)
    {
        Digest? chain = null;
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var reference = image.Layers[i];
            chain = ChainId.Next(chain, reference.DiffId);
            if (layers.Exists(chain.Value))
            {
                continue;
            }

            var layer = contents.Layer(reference.Path) ?? throw Errors.InvalidArgument($"invalid archive: layer {reference.Path} is missing");
            if (layer.Error is { } error)
            {
                throw error;
            }

            if (layer.StoredAs is { } stored)
            {
                // The stored blob is what its name says. A Docker manifest names no blob digest (the blob may be
                // compressed): the DiffID is checked when the stored blob is unpacked.
                if (reference.BlobDigest is { } named && stored != named)
                {
                    throw LocalContentStore.DigestMismatch(named, stored);
                }

                continue;
            }

            var staged = layer.Staged!;
            if (staged.DiffId != reference.DiffId)
            {
                throw Errors.InvalidArgument($"invalid diffID for layer {i}: expected \"{reference.DiffId}\", got \"{staged.DiffId}\"");
            }

            if (reference.BlobDigest is { } blob && layer.BlobDigest != blob)
            {
                throw LocalContentStore.DigestMismatch(blob, layer.BlobDigest!.Value);
            }
        }
    }
}
