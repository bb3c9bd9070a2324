using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Containers;

namespace Berth.Engine.Images;

/// <summary>One line of `docker rmi` output.</summary>
public sealed record ImageDeleteResult(string? Untagged, string? Deleted);

public sealed partial class ImageService
{
    /// <summary>
    /// `docker rmi`, with moby's rules: removing a name only untags unless it was the last one; an image
    /// used by a running container can never go; one used by a stopped container or still tagged
    /// elsewhere needs force.
    /// </summary>
    public async Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string refOrId, bool force, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var image = FindRecord(refOrId) ?? throw Errors.NoSuchImage(DisplayName(refOrId));
            var results = new List<ImageDeleteResult>();
            var references = _store.TagsOf(image.Id);
            var byId = IsIdReference(image.Id, refOrId);
            var quiet = false;

            if (!byId)
            {
                var reference = Normalize(refOrId);
                if (!force && references.Count == 1 && FirstContainer(image.Id, running: null) is { } user)
                {
                    throw Errors.ImageReferenceInUse(refOrId, user.ShortId, image.ShortId);
                }

                await _store.UntagAsync(reference.ToString()).ConfigureAwait(false);
                results.Add(new ImageDeleteResult(reference.Familiar, null));
                results.AddRange(await UntagRepoDigestsAsync(image.Id, reference).ConfigureAwait(false));
                _events.Image("untag", image.Id, image.Id);
                if (_store.TagsOf(image.Id).Count > 0)
                {
                    return results;
                }

                quiet = true;
            }
            else if (references.Count <= 1 || references.Select(r => ImageRef.Parse(r.Reference).Repository).Distinct().Count() == 1)
            {
                CheckConflicts(image, force, includeReferences: false);
                foreach (var reference in references)
                {
                    await _store.UntagAsync(reference.Reference).ConfigureAwait(false);
                    results.Add(new ImageDeleteResult(ImageRef.Parse(reference.Reference).Familiar, null));
                    _events.Image("untag", image.Id, image.Id);
                }
            }
            else if (!force)
            {
                throw Errors.ImageHasMultipleReferences(image.ShortId);
            }

            if (quiet && FirstContainer(image.Id, running: null) is not null)
            {
                return results;
            }

            CheckConflicts(image, force, includeReferences: !force);
            foreach (var reference in _store.TagsOf(image.Id))
            {
                results.Add(new ImageDeleteResult(ImageRef.Parse(reference.Reference).Familiar, null));
            }

            await DeleteImageAsync(image).ConfigureAwait(false);
            results.Add(new ImageDeleteResult(null, image.Id));
            return results;
        }
        finally
        {
            _lock.Release();
        }
    }

    private void CheckConflicts(ImageRecord image, bool force, bool includeReferences)
    {
        if (FirstContainer(image.Id, running: true) is { } running)
        {
            throw Errors.ImageUsedByRunningContainer(image.ShortId, running.ShortId);
        }

        if (force)
        {
            return;
        }

        if (includeReferences && _store.TagsOf(image.Id).Count > 0)
        {
            throw Errors.Conflict($"conflict: unable to delete {image.ShortId} (must be forced) - image is referenced in one or more repositories");
        }

        if (FirstContainer(image.Id, running: false) is { } stopped)
        {
            throw Errors.ImageUsedByStoppedContainer(image.ShortId, stopped.ShortId);
        }
    }

    private ContainerRecord? FirstContainer(string imageId, bool? running) =>
        _containers.All.Where(c => c.ImageId == imageId && (running is null || c.State.Status.IsRunning() == running))
            .OrderBy(c => c.Created).FirstOrDefault();

    /// <summary>moby's isImageIDPrefix: the argument names the image by (a prefix of) its ID, not by a reference.</summary>
    private static bool IsIdReference(string imageId, string refOrId)
    {
        var hex = refOrId.StartsWith("sha256:", StringComparison.Ordinal) ? refOrId["sha256:".Length..] : refOrId;
        return hex.Length > 0 && imageId.AsSpan("sha256:".Length).StartsWith(hex, StringComparison.Ordinal);
    }

    /// <summary>Drops the image row and tags, its config blob, and every layer nothing else uses.</summary>
    private async Task DeleteImageAsync(ImageRecord image)
    {
        await _store.RemoveAsync(image.Id).ConfigureAwait(false);
        _configs.TryRemove(image.Id, out _);
        _content.Delete(Digest.Parse(image.Id));
        CollectLayers(image);
        _events.Image("delete", image.Id, image.Id);
    }

    /// <summary>Deletes the image's layers and layer tars that no other image and no container references.</summary>
    private void CollectLayers(ImageRecord removed)
    {
        var usedChains = new HashSet<string>(_store.Images.SelectMany(i => i.ChainIds), StringComparer.Ordinal);
        usedChains.UnionWith(_containers.All.SelectMany(c => c.ImageChainIds));
        var usedDiffIds = new HashSet<string>(_store.Images.SelectMany(i => i.DiffIds), StringComparer.Ordinal);
        foreach (var chainId in removed.ChainIds)
        {
            if (!usedChains.Contains(chainId))
            {
                _layers.Delete(Digest.Parse(chainId));
            }
            else if (_layers.Exists(Digest.Parse(chainId)))
            {
                // Kept for a container: its tar too, so an image committed from the container can still be saved.
                usedDiffIds.Add(_layers.Get(Digest.Parse(chainId)).DiffId.ToString());
            }
        }

        foreach (var diffId in removed.DiffIds.Where(d => !usedDiffIds.Contains(d)))
        {
            _content.Delete(Digest.Parse(diffId));
        }
    }
}
