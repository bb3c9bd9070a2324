using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Registry;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>The registry sessions pull, push and login use; an engine without one cannot reach registries.</summary>
    public RegistryClient? Registry { get; init; }

    private RegistryClient RequireRegistry() => Registry ?? throw Errors.NotImplemented("this engine has no registry access");

    /// <summary>The image a repository digest (<c>repo@sha256:...</c>) was pulled or pushed as, if any.</summary>
    private ImageRecord? FindByRepoDigest(ImageRef reference)
    {
        var wanted = RepoDigestOf(reference, reference.Digest!.Value);
        return _store.Images.FirstOrDefault(i => i.RepoDigests.Contains(wanted, StringComparer.Ordinal));
    }

    /// <summary>How an image's RepoDigests name a manifest: <c>busybox@sha256:...</c>, <c>myreg:5000/x@sha256:...</c>.</summary>
    private static string RepoDigestOf(ImageRef reference, Digest manifest) => reference.FamiliarRepository + "@" + manifest;

    /// <summary>Adds a repository digest to an image's record (a repository keeps only its newest).</summary>
    private async Task AddRepoDigestAsync(string imageId, ImageRef reference, Digest manifest, ImageRef? tag)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var record = _store.ById(imageId) ?? throw Errors.NoSuchImage(imageId);
            var prefix = reference.FamiliarRepository + "@";
            var digests = record.RepoDigests.Where(d => !d.StartsWith(prefix, StringComparison.Ordinal)).Append(RepoDigestOf(reference, manifest)).Order(StringComparer.Ordinal).ToList();
            await _store.AddAsync(record with { RepoDigests = digests }, tag?.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// moby's rmi: removing a repository's last tag of an image, or naming <c>repo@digest</c>, drops that repository's
    /// digests from the image too. The caller holds the lock. Returns the "Untagged: repo@sha256:..." lines to add
    /// (none for a digest reference, which the caller reports itself).
    /// </summary>
    private async Task<IReadOnlyList<ImageDeleteResult>> UntagRepoDigestsAsync(string imageId, ImageRef removed)
    {
        var record = _store.ById(imageId);
        if (record is null)
        {
            return [];
        }

        List<string> doomed;
        if (removed.Digest is { } digest)
        {
            doomed = record.RepoDigests.Where(d => d == RepoDigestOf(removed, digest)).ToList();
        }
        else if (_store.TagsOf(imageId).Any(t => ImageRef.Parse(t.Reference).Repository == removed.Repository))
        {
            return [];
        }
        else
        {
            doomed = record.RepoDigests.Where(d => d.StartsWith(removed.FamiliarRepository + "@", StringComparison.Ordinal)).ToList();
        }

        if (doomed.Count == 0)
        {
            return [];
        }

        await _store.AddAsync(record with { RepoDigests = record.RepoDigests.Except(doomed).ToList() }, null).ConfigureAwait(false);
        return removed.Digest is null ? doomed.Select(d => new ImageDeleteResult(d, null)).ToList() : [];
    }
}
