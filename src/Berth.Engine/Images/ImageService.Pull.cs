using Berth.Core.Ids;
using Berth.Images;
using Berth.Registry;
using Berth.Registry.Pull;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// The first half of `docker pull`: parses the reference (moby's fromImage + tag, a digest as the tag included),
    /// authenticates and resolves the manifest. Anything wrong so far (bad name, unknown image, refused credentials)
    /// is thrown before the caller has sent any progress.
    /// </summary>
    public async Task<PullPlan> PlanPullAsync(string fromImage, string? tag, string? platform, RegistryCredentials credentials, CancellationToken ct)
    {
        var reference = ImageRef.Parse(fromImage);
        if (!string.IsNullOrEmpty(tag))
        {
            reference = Digest.TryParse(tag, out var digest) && tag.Contains(':', StringComparison.Ordinal)
                ? reference with { Tag = null, Digest = digest }
                : reference.WithTag(tag);
        }

        reference = reference.WithDefaultTag();
        if (reference.Digest is not null)
        {
            reference = reference with { Tag = null };
        }

        var puller = new ImagePuller(RequireRegistry(), _content, _layers);
        return await puller.PlanAsync(reference, credentials, PlatformSpec.Parse(platform), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The second half: downloads what is missing, records the image with its repository digest, points the tag at
    /// it, and ends the progress with Docker's status line.
    /// </summary>
    public async Task<string> PullAsync(PullPlan plan, ITransferProgress progress, CancellationToken ct)
    {
        var reference = plan.Reference;
        var puller = new ImagePuller(RequireRegistry(), _content, _layers);
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

        var status = before == id && !pulled.DownloadedAnything ? "Image is up to date for " : "Downloaded newer image for ";
        progress.Report(TransferEvent.Message("Status: " + status + reference.Familiar));
        return id;
    }
}
