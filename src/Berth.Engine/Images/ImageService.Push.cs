using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Registry;
using Berth.Registry.Push;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// `docker push NAME[:TAG]`: pushes the tag (or, with no tag, every local tag of the repository), and records the
    /// pushed manifest's digest in the image's RepoDigests. Like moby, the first progress line names the repository
    /// before anything is checked, so every failure after a valid name travels in the progress stream.
    /// </summary>
    public async Task<IReadOnlyList<PushedImage>> PushAsync(string name, string? tag, RegistryCredentials credentials, ITransferProgress progress, CancellationToken ct)
    {
        var repository = ImageRef.Parse(name);
        if (repository.Digest is not null)
        {
            throw Errors.InvalidArgument("cannot push a digest reference");
        }

        if (!string.IsNullOrEmpty(tag))
        {
            repository = repository.WithTag(tag);
        }

        var registry = RequireRegistry();
        progress.Report(TransferEvent.Message($"The push refers to repository [{repository.Repository}]"));
        var targets = repository.Tag is not null
            ? _store.Tag(repository.ToString()) is { } one ? [(repository, one.ImageId)] : new List<(ImageRef, string)>()
            : _store.Tags.Select(t => (Reference: ImageRef.Parse(t.Reference), t.ImageId))
                .Where(t => t.Reference.Repository == repository.Repository && t.Reference.Tag is not null)
                .OrderBy(t => t.Reference.Tag, StringComparer.Ordinal)
                .ToList();
        if (targets.Count == 0)
        {
            throw Errors.NotFound($"An image does not exist locally with the tag: {repository.FamiliarRepository}");
        }

        var pusher = new ImagePusher(registry, _content);
        var allLayers = targets.SelectMany(t => LayersToPush(t.Item2)).DistinctBy(l => l.DiffId).ToList();
        var session = await pusher.OpenAsync(repository, credentials, allLayers, ct).ConfigureAwait(false);
        var pushed = new List<PushedImage>();
        foreach (var (target, imageId) in targets)
        {
            var result = await pusher.PushAsync(session, target, Digest.Parse(imageId), LayersToPush(imageId), progress, ct).ConfigureAwait(false);
            await AddRepoDigestAsync(imageId, target, result.Digest, null).ConfigureAwait(false);
            _events.Image("push", imageId, target.Familiar);
            pushed.Add(result);
        }

        return pushed;
    }

    private List<PushLayer> LayersToPush(string imageId)
    {
        var record = _store.ById(imageId) ?? throw Errors.NoSuchImage(imageId);
        return record.DiffIds.Select(d => Digest.Parse(d)).Select(d => new PushLayer(d, _content.SizeOf(d))).ToList();
    }
}
