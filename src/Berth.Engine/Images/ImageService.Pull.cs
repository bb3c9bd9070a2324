using Berth.Core.Ids;
using Berth.Registry;
using Berth.Registry.Pull;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// The first half of `docker pull`: parses the reference (moby's fromImage + tag, a digest as the tag included;
    /// neither means every tag of the repository), authenticates and resolves the manifests. Anything wrong so far
    /// (bad name, unknown image) is thrown before the caller has sent any progress.
    /// </summary>
    public async Task<PendingPull> PlanPullAsync(string fromImage, string? tag, string? platform, RegistryCredentials credentials, CancellationToken ct)
    {
        var reference = ImageRef.Parse(fromImage);
        if (!string.IsNullOrEmpty(tag))
        {
            reference = Digest.TryParse(tag, out var digest) && tag.Contains(':', StringComparison.Ordinal)
                ? reference with { Tag = null, Digest = digest }
                : reference.WithTag(tag);
        }

        if (reference.Digest is not null)
        {
            reference = reference with { Tag = null };
        }

        var puller = new ImagePuller(RequireRegistry(), _content, _layers);
        var wanted = PlatformSpec.Parse(platform);
        if (reference.Tag is null && reference.Digest is null)
        {
            return new PendingPull(reference, await puller.PlanAllTagsAsync(reference, credentials, wanted, ct).ConfigureAwait(false));
        }

        return new PendingPull(reference, [await puller.PlanAsync(reference, credentials, wanted, ct).ConfigureAwait(false)]);
    }

    /// <summary>
    /// The second half: downloads what is missing, records each image with its repository digest, points its tag at
    /// it, and ends the progress with Docker's status line.
    /// </summary>
    public async Task PullAsync(PendingPull pull, ITransferProgress progress, CancellationToken ct)
    {
        var puller = new ImagePuller(RequireRegistry(), _content, _layers);
        var newer = false;
        foreach (var plan in pull.Plans)
        {
            var reference = plan.Reference;
            var pulled = await puller.PullAsync(plan, progress, ct).ConfigureAwait(false);
            var id = pulled.ImageId.ToString();
            var before = reference.Tag is not null ? _store.Tag(reference.ToString())?.ImageId : FindByRepoDigest(reference)?.Id;
            var existing = _store.ById(id);
            var record = new ImageRecord
            {
                Id = id,
                ChainIds = pulled.Layers.Select(l => l.ChainId.ToString()).ToList(),
                DiffIds = pulled.Layers.Select(l => l.DiffId.ToString()).ToList(),
                Size = pulled.Layers.Sum(l => l.Size),
                Loaded = existing?.Loaded ?? DateTime.UtcNow,
                RepoDigests = existing?.RepoDigests ?? [],
            };
            await AddImageAsync(record, null).ConfigureAwait(false);
            await AddRepoDigestAsync(id, reference, pulled.ManifestDigest, reference.Tag is null ? null : reference).ConfigureAwait(false);
            _events.Image("pull", id, reference.Familiar);
            newer |= before != id || pulled.DownloadedAnything;
        }

        var status = newer ? "Downloaded newer image for " : "Image is up to date for ";
        progress.Report(TransferEvent.Message("Status: " + status + pull.Requested.Familiar));
    }
}
