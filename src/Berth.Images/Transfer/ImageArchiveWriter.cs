using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Archive;
using Berth.Images.Manifests;

namespace Berth.Images.Transfer;

/// <summary>
/// <c>docker save</c>: writes images as Docker 25+ does, one tar that is both an OCI image layout (<c>oci-layout</c>,
/// <c>index.json</c>, <c>blobs/sha256/</c> with the uncompressed layer tars named by DiffID, the configs and OCI
/// manifests) and a Docker archive (<c>manifest.json</c>, <c>repositories</c>). The archive streams straight from
/// the content store: entries in moby's order (sorted blobs, then the documents), every time 0, so the same images
/// always give the same bytes.
/// </summary>
public sealed class ImageArchiveWriter(LocalContentStore content)
{
    private const int DirectoryPermissions = 0x1ED; // 0755
    private const int FilePermissions = 0x1A4; // 0644

    /// <exception cref="BerthException">NotFound if a config or layer tar is not stored; InvalidArgument for an image without layers.</exception>
    public async Task WriteAsync(IReadOnlyList<SavedImage> images, Stream output, CancellationToken ct)
    {
        var blobs = new SortedDictionary<string, Blob>(StringComparer.Ordinal);
        var entries = new List<DockerManifestEntry>();
        var indexEntries = new List<OciDescriptor>();
        var repositories = new List<(ImageRef, string)>();
        foreach (var image in images)
        {
            if (image.DiffIds.Count == 0)
            {
                throw Errors.InvalidArgument("empty export - not implemented");
            }

            var config = await content.ReadAllAsync(image.Id, ct).ConfigureAwait(false);
            var layers = image.DiffIds.Select(d => new OciDescriptor { MediaType = MediaTypes.OciLayer, Digest = d, Size = content.SizeOf(d) }).ToList();
            var manifest = ArchiveDocuments.Manifest(new OciDescriptor { MediaType = MediaTypes.OciConfig, Digest = image.Id, Size = config.Length }, layers);
            var manifestDigest = Digest.Compute(manifest);
            blobs[image.Id.Hex] = new Blob(config, null, config.Length);
            blobs[manifestDigest.Hex] = new Blob(manifest, null, manifest.Length);
            foreach (var layer in layers)
            {
                blobs[layer.Digest.Hex] = new Blob(null, layer.Digest, layer.Size);
            }

            var untagged = new OciDescriptor { MediaType = MediaTypes.OciManifest, Digest = manifestDigest, Size = manifest.Length };
            indexEntries.AddRange(image.Tags.Count == 0 ? [untagged] : image.Tags.Select(tag => Tagged(untagged, tag)));
            var topLayer = ChainId.ForStack(image.DiffIds)[^1].Hex;
            repositories.AddRange(image.Tags.Select(tag => (tag, topLayer)));
            var parent = image.Parent is { } p && images.Any(i => i.Id == p) ? p : (Digest?)null;
            entries.Add(new DockerManifestEntry(image.Id, image.Tags.Select(t => t.Familiar).ToList(), layers, parent));
        }

        await using var tar = new TarOutput(output);
        await WriteDirectoryAsync(tar, "blobs/", ct).ConfigureAwait(false);
        await WriteDirectoryAsync(tar, "blobs/sha256/", ct).ConfigureAwait(false);
        foreach (var (hex, blob) in blobs)
        {
            await WriteBlobAsync(tar, "blobs/sha256/" + hex, blob, ct).ConfigureAwait(false);
        }

        await WriteFileAsync(tar, "index.json", ArchiveDocuments.Index(indexEntries), ct).ConfigureAwait(false);
        await WriteFileAsync(tar, "manifest.json", ArchiveDocuments.DockerManifest(entries), ct).ConfigureAwait(false);
        await WriteFileAsync(tar, "oci-layout", ArchiveDocuments.OciLayout, ct).ConfigureAwait(false);
        if (repositories.Count > 0)
        {
            await WriteFileAsync(tar, "repositories", ArchiveDocuments.Repositories(repositories), ct).ConfigureAwait(false);
        }

        await tar.CompleteAsync(ct).ConfigureAwait(false);
    }

    private static OciDescriptor Tagged(OciDescriptor manifest, ImageRef tag) => new()
    {
        MediaType = manifest.MediaType,
        Digest = manifest.Digest,
        Size = manifest.Size,
        Annotations = new Dictionary<string, string>
        {
            [ArchiveDocuments.ImageNameAnnotation] = tag.ToString(),
            [ArchiveDocuments.RefNameAnnotation] = tag.Tag ?? ImageRef.DefaultTag,
        },
    };

    private async Task WriteBlobAsync(TarOutput tar, string name, Blob blob, CancellationToken ct)
    {
        if (blob.Bytes is { } bytes)
        {
            await WriteFileAsync(tar, name, bytes, ct).ConfigureAwait(false);
            return;
        }

        using var layer = File.OpenHandle(content.BlobPath(blob.Stored!.Value));
        await tar.WriteHeaderAsync(new TarEntryHeader(name, TarEntryType.RegularFile) { Mode = FilePermissions, Size = blob.Size }, ct).ConfigureAwait(false);
        await tar.CopyFileAsync(layer, ct).ConfigureAwait(false);
    }

    private static Task WriteDirectoryAsync(TarOutput tar, string name, CancellationToken ct) =>
        tar.WriteHeaderAsync(new TarEntryHeader(name, TarEntryType.Directory) { Mode = DirectoryPermissions }, ct);

    private static async Task WriteFileAsync(TarOutput tar, string name, byte[] bytes, CancellationToken ct)
    {
        await tar.WriteHeaderAsync(new TarEntryHeader(name, TarEntryType.RegularFile) { Mode = FilePermissions, Size = bytes.Length }, ct).ConfigureAwait(false);
        await tar.WriteDataAsync(bytes, ct).ConfigureAwait(false);
    }

    /// <summary>A blob of the archive: bytes in hand (configs, manifests) or a stored layer tar.</summary>
    private sealed record Blob(byte[]? Bytes, Digest? Stored, long Size);
}
