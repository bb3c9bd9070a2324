using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images;
using Berth.Images.Manifests;
using Berth.Registry.Http;
using Berth.Registry.Metadata;

namespace Berth.Registry.Pull;

/// <summary>
/// Pulls an image: resolves the manifest (picking the platform from an index), fetches the config, and downloads the
/// layers the store lacks concurrently, each one verified and unpacked in the same streaming pass. Layers are staged
/// until every one has been verified, then placed in order; so a failed or interrupted pull places nothing.
/// </summary>
public sealed class ImagePuller(RegistryClient registry, LocalContentStore content, LayerStore layers)
{
    private const long MaxConfigSize = 8 * 1024 * 1024;

    /// <summary>
    /// Opens the session and resolves the manifest. Errors here (unknown image, refused credentials) come before any
    /// progress, so the API can still answer them with a status code.
    /// </summary>
    public async Task<PullPlan> PlanAsync(ImageRef reference, RegistryCredentials credentials, PlatformSpec platform, CancellationToken ct)
    {
        var repository = await registry.OpenAsync(reference, credentials, push: false, [], ct).ConfigureAwait(false);
        var tagOrDigest = reference.Digest?.ToString() ?? reference.Tag ?? ImageRef.DefaultTag;
        var (manifest, named) = await ManifestResolver.ResolveAsync(repository, reference.FamiliarRepository, tagOrDigest, platform, ct).ConfigureAwait(false);
        return new PullPlan(reference, repository, manifest, named, tagOrDigest);
    }

    /// <summary>`docker pull --all-tags`: a plan for every tag of the repository, in one session.</summary>
    public async Task<IReadOnlyList<PullPlan>> PlanAllTagsAsync(ImageRef repository, RegistryCredentials credentials, PlatformSpec platform, CancellationToken ct)
    {
        var session = await registry.OpenAsync(repository, credentials, push: false, [], ct).ConfigureAwait(false);
        var plans = new List<PullPlan>();
        foreach (var tag in await session.ListTagsAsync(ct).ConfigureAwait(false))
        {
            var (manifest, named) = await ManifestResolver.ResolveAsync(session, repository.FamiliarRepository, tag, platform, ct).ConfigureAwait(false);
            plans.Add(new PullPlan(repository.WithTag(tag), session, manifest, named, tag));
        }

        return plans;
    }

    public async Task<PulledImage> PullAsync(PullPlan plan, ITransferProgress progress, CancellationToken ct)
    {
        var repository = plan.Repository;
        progress.Report(TransferEvent.Message("Pulling from " + plan.Reference.Path, plan.TagOrDigest));
        var configDescriptor = plan.Manifest.Config!;
        var (configJson, configDownloaded) = await ConfigAsync(repository, configDescriptor, ct).ConfigureAwait(false);
        var config = ImageConfigJson.Parse(configJson);
        var blobs = plan.Manifest.Layers!;
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != blobs.Count)
        {
            throw Errors.InvalidArgument($"invalid manifest: {blobs.Count} layers but {diffIds.Count} diff_ids in the image config");
        }

        var chain = ChainId.ForStack(diffIds);
        var missing = Enumerable.Range(0, blobs.Count).Where(i => !layers.Exists(chain[i])).ToList();
        foreach (var i in Enumerable.Range(0, blobs.Count))
        {
            progress.Report(TransferEvent.Layer(blobs[i].Digest.Short, missing.Contains(i) ? "Pulling fs layer" : "Already exists"));
        }

        var staged = await DownloadAllAsync(repository, blobs, diffIds, missing, progress, ct).ConfigureAwait(false);
        var placed = new List<LayerInfo>();
        try
        {
            Digest? parent = null;
            for (var i = 0; i < blobs.Count; i++)
            {
                LayerInfo layer;
                if (staged.TryGetValue(i, out var download))
                {
                    progress.Report(TransferEvent.Moving(blobs[i].Digest.Short, "Extracting", blobs[i].Size, blobs[i].Size));
                    layer = layers.PublishStaged(download, parent);
                    staged.Remove(i);
                    progress.Report(TransferEvent.Layer(blobs[i].Digest.Short, "Pull complete"));
                }
                else
                {
                    layer = layers.Get(chain[i]);
                }

                placed.Add(layer);
                parent = layer.ChainId;
                Remember(plan, blobs[i], diffIds[i]);
            }
        }
        finally
        {
            foreach (var left in staged.Values)
            {
                left.Dispose();
            }
        }

        await content.WriteAsync(configJson, ct).ConfigureAwait(false);
        progress.Report(TransferEvent.Message("Digest: " + plan.NamedDigest));
        return new PulledImage(configDescriptor.Digest, plan.NamedDigest, placed, configDownloaded || missing.Count > 0);
    }

    /// <summary>The config's bytes: from the content store if it holds them, else downloaded and checked.</summary>
    private async Task<(byte[] Json, bool Downloaded)> ConfigAsync(RepositoryClient repository, OciDescriptor descriptor, CancellationToken ct)
    {
        if (content.Exists(descriptor.Digest))
        {
            return (await content.ReadAllAsync(descriptor.Digest, ct).ConfigureAwait(false), false);
        }

        if (descriptor.Size > MaxConfigSize)
        {
            throw Errors.InvalidArgument($"image config {descriptor.Digest} is too large: {descriptor.Size} bytes");
        }

        using var response = await repository.GetBlobAsync(descriptor.Digest, ct).ConfigureAwait(false);
        var json = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (Digest.Compute(json) != descriptor.Digest)
        {
            throw Errors.InvalidArgument($"image config verification failed for digest {descriptor.Digest}");
        }

        return (json, true);
    }

    /// <summary>Downloads the missing layers, a few at a time; all of them staged, or none (the first error cancels the rest).</summary>
    private async Task<Dictionary<int, StagedLayer>> DownloadAllAsync(RepositoryClient repository, List<OciDescriptor> blobs, List<Digest> diffIds, List<int> missing, ITransferProgress progress, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(registry.Options.MaxConcurrentDownloads);
        var tasks = missing.ToDictionary(i => i, i => DownloadOneAsync(repository, blobs[i], diffIds[i], slots, progress, cancel));
        try
        {
            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        }
        catch
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            foreach (var task in tasks.Values.Where(t => t.IsCompletedSuccessfully))
            {
                task.Result.Dispose();
            }

            // The first real failure, not the cancellations it caused.
            var failure = tasks.Values.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (failure is not null && !ct.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        return tasks.ToDictionary(t => t.Key, t => t.Value.Result);
    }

    private async Task<StagedLayer> DownloadOneAsync(RepositoryClient repository, OciDescriptor blob, Digest diffId, SemaphoreSlim slots, ITransferProgress progress, CancellationTokenSource cancel)
    {
        var id = blob.Digest.Short;
        var ct = cancel.Token;
        if (!await slots.WaitAsync(0, ct).ConfigureAwait(false))
        {
            progress.Report(TransferEvent.Layer(id, "Waiting"));
            await slots.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            using var response = await repository.GetBlobAsync(blob.Digest, ct).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var verifier = new VerifyingStream(body, blob.Size, (current, total) => progress.Report(TransferEvent.Moving(id, "Downloading", current, total)));
            try
            {
                StagedLayer staged;
                try
                {
                    staged = await layers.StageAsync(verifier, content, ct).ConfigureAwait(false);
                }
                catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
                {
                    // A blob that does not unpack is most likely a blob that is not the one asked for: say so if it is not.
                    await verifier.DrainAsync(ct).ConfigureAwait(false);
                    CheckBlob(verifier, blob);
                    throw;
                }

                try
                {
                    await verifier.DrainAsync(ct).ConfigureAwait(false);
                    CheckBlob(verifier, blob);
                    progress.Report(TransferEvent.Layer(id, "Verifying Checksum"));
                    if (staged.DiffId != diffId)
                    {
                        throw Errors.InvalidArgument($"layer {blob.Digest}: diffID mismatch: the image config says {diffId}, the layer is {staged.DiffId}");
                    }

                    progress.Report(TransferEvent.Layer(id, "Download complete"));
                    return staged;
                }
                catch
                {
                    staged.Dispose();
                    throw;
                }
            }
            finally
            {
                verifier.ReleaseHash();
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static void CheckBlob(VerifyingStream verifier, OciDescriptor blob)
    {
        if (verifier.BytesRead != blob.Size || verifier.Digest != blob.Digest)
        {
            throw Errors.InvalidArgument($"filesystem layer verification failed for digest {blob.Digest}");
        }
    }

    private void Remember(PullPlan plan, OciDescriptor blob, Digest diffId) =>
        registry.Metadata.Add(diffId, new LayerSource
        {
            Digest = blob.Digest,
            Size = blob.Size,
            MediaType = blob.MediaType,
            Registry = plan.Reference.Domain,
            Repository = plan.Reference.Path,
        });
}
