using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Berth.Core.Ids;
using Berth.Images;
using Berth.Images.Json;
using Berth.Images.Manifests;
using Berth.Registry.Http;
using Berth.Registry.Metadata;

namespace Berth.Registry.Push;

/// <summary>
/// Pushes an image as a Docker schema 2 manifest: for each layer, a blob the repository already has is reused
/// ("Layer already exists"), one another repository of the registry has is mounted ("Mounted from"), and otherwise
/// the layer's tar is gzipped on the fly into a chunked upload; then the config, then the manifest under the tag.
/// </summary>
public sealed class ImagePusher(RegistryClient registry, LocalContentStore content)
{
    private const string DockerConfigType = "application/vnd.docker.container.image.v1+json";
    private const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";
    private const int MaxMountAttempts = 3;
    private static readonly long ProgressInterval = Stopwatch.Frequency / 10;

    /// <summary>Opens an authenticated push session, with pull access to the repositories its layers may be mounted from.</summary>
    public Task<RepositoryClient> OpenAsync(ImageRef target, RegistryCredentials credentials, IEnumerable<PushLayer> layers, CancellationToken ct)
    {
        var mountFrom = layers.SelectMany(l => Sources(l.DiffId, target)).Select(s => s.Repository).Distinct().Take(MaxMountAttempts * 2);
        return registry.OpenAsync(target, credentials, push: true, mountFrom, ct);
    }

    public async Task<PushedImage> PushAsync(RepositoryClient repository, ImageRef target, Digest configDigest, IReadOnlyList<PushLayer> layers, ITransferProgress progress, CancellationToken ct)
    {
        var tag = target.Tag ?? ImageRef.DefaultTag;
        foreach (var layer in layers)
        {
            progress.Report(TransferEvent.Layer(layer.DiffId.Short, "Preparing"));
        }

        using var slots = new SemaphoreSlim(registry.Options.MaxConcurrentUploads);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var uploads = layers.Select(l => PushLayerAsync(repository, target, l, slots, progress, cancel)).ToList();
        try
        {
            await Task.WhenAll(uploads).ConfigureAwait(false);
        }
        catch
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            var failure = uploads.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (failure is not null && !ct.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        var configSize = content.SizeOf(configDigest);
        if (await repository.BlobSizeAsync(configDigest, ct).ConfigureAwait(false) is null)
        {
            var location = await repository.StartUploadAsync(null, null, ct).ConfigureAwait(false);
            await repository.CompleteUploadAsync(location!, configDigest, await content.ReadAllAsync(configDigest, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        var manifest = new OciManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.DockerManifest,
            Config = new OciDescriptor { MediaType = DockerConfigType, Digest = configDigest, Size = configSize },
            Layers = uploads.Select(u => u.Result).ToList(),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.OciManifest);
        var digest = await repository.PutManifestAsync(tag, bytes, MediaTypes.DockerManifest, ct).ConfigureAwait(false);
        progress.Report(TransferEvent.Message($"{tag}: digest: {digest} size: {bytes.Length}"));
        return new PushedImage(tag, digest, bytes.Length);
    }

    private async Task<OciDescriptor> PushLayerAsync(RepositoryClient repository, ImageRef target, PushLayer layer, SemaphoreSlim slots, ITransferProgress progress, CancellationTokenSource cancel)
    {
        var id = layer.DiffId.Short;
        var ct = cancel.Token;
        if (!await slots.WaitAsync(0, ct).ConfigureAwait(false))
        {
            progress.Report(TransferEvent.Layer(id, "Waiting"));
            await slots.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var sources = Sources(layer.DiffId, target).ToList();
            foreach (var source in sources)
            {
                if (await repository.BlobSizeAsync(source.Digest, ct).ConfigureAwait(false) is { } size)
                {
                    progress.Report(TransferEvent.Layer(id, "Layer already exists"));
                    return Remember(layer, target, new OciDescriptor { MediaType = ManifestLayerType(source.MediaType), Digest = source.Digest, Size = size });
                }
            }

            Uri? location = null;
            foreach (var source in sources.Where(s => s.Repository != target.Path).Take(MaxMountAttempts))
            {
                if (location is not null)
                {
                    await repository.CancelUploadAsync(location, ct).ConfigureAwait(false);
                }

                location = await repository.StartUploadAsync(source.Digest, source.Repository, ct).ConfigureAwait(false);
                if (location is null)
                {
                    progress.Report(TransferEvent.Layer(id, "Mounted from " + source.Repository));
                    return Remember(layer, target, new OciDescriptor { MediaType = ManifestLayerType(source.MediaType), Digest = source.Digest, Size = source.Size });
                }
            }

            location ??= await repository.StartUploadAsync(null, null, ct).ConfigureAwait(false);
            var (digest, blobSize) = await UploadAsync(repository, location!, layer, progress, ct).ConfigureAwait(false);
            progress.Report(TransferEvent.Layer(id, "Pushed"));
            return Remember(layer, target, new OciDescriptor { MediaType = DockerLayerGzip, Digest = digest, Size = blobSize });
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Streams the layer's tar through gzip into the upload session, reporting the tar bytes sent.</summary>
    private async Task<(Digest Digest, long Size)> UploadAsync(RepositoryClient repository, Uri location, PushLayer layer, ITransferProgress progress, CancellationToken ct)
    {
        var id = layer.DiffId.Short;
        await using var upload = new ChunkedUpload(repository, location, registry.Options.UploadChunkSize);
        await using (var gzip = new GZipStream(upload, CompressionLevel.Optimal, leaveOpen: true))
        await using (var tar = content.OpenRead(layer.DiffId))
        {
            var buffer = new byte[128 * 1024];
            long sent = 0;
            var last = 0L;
            int read;
            while ((read = await tar.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await gzip.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                sent += read;
                var now = Stopwatch.GetTimestamp();
                if (now - last >= ProgressInterval || sent == layer.TarSize)
                {
                    last = now;
                    progress.Report(TransferEvent.Moving(id, "Pushing", sent, layer.TarSize));
                }
            }
        }

        return await upload.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Blobs of this registry known to hold the layer, in a form a Docker manifest can name (not zstd).</summary>
    private IEnumerable<LayerSource> Sources(Digest diffId, ImageRef target) =>
        registry.Metadata.SourcesOf(diffId)
            .Where(s => s.Registry == target.Domain && !s.MediaType.Contains("zstd", StringComparison.Ordinal))
            .OrderBy(s => s.Repository == target.Path ? 0 : 1);

    private OciDescriptor Remember(PushLayer layer, ImageRef target, OciDescriptor blob)
    {
        registry.Metadata.Add(layer.DiffId, new LayerSource
        {
            Digest = blob.Digest,
            Size = blob.Size,
            MediaType = blob.MediaType,
            Registry = target.Domain,
            Repository = target.Path,
        });
        return blob;
    }

    /// <summary>The Docker media type of a blob learnt under an OCI type: gzip stays gzip, an uncompressed tar stays one.</summary>
    private static string ManifestLayerType(string mediaType) =>
        mediaType.EndsWith("gzip", StringComparison.Ordinal) ? DockerLayerGzip
        : mediaType is MediaTypes.OciLayer or DockerLayerTar ? DockerLayerTar
        : mediaType;
}
