using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Transfer;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// `docker load`: reads a Docker archive or an OCI layout whole, checking every digest, then stores its images
    /// and tags at once. A corrupt, truncated or mismatched archive leaves the store as it was; layers the store
    /// already has are neither read nor stored again. Returns the lines Docker prints, in its words.
    /// </summary>
    public async Task<IReadOnlyList<string>> LoadAsync(Stream archive, ILoadProgress? progress, CancellationToken ct)
    {
        var loader = new ImageLoader(_content, _layers);
        using var pending = await loader.ReadAsync(archive, progress, ct).ConfigureAwait(false);
        foreach (var name in pending.RepoTags)
        {
            ParseLoadedTag(name);
        }

        var lines = new List<string>();
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var loaded = await pending.CommitAsync(ct).ConfigureAwait(false);
            foreach (var image in loaded)
            {
                lines.AddRange(await RecordLoadedAsync(image).ConfigureAwait(false));
            }
        }
        finally
        {
            _lock.Release();
        }

        return lines;
    }

    private async Task<List<string>> RecordLoadedAsync(LoadedImage image)
    {
        var id = image.Id.ToString();
        var tags = image.RepoTags.Select(ParseLoadedTag).ToList();
        var record = _store.ById(id) ?? new ImageRecord
        {
            Id = id,
            ChainIds = image.Layers.Select(l => l.ChainId.ToString()).ToList(),
            DiffIds = image.Layers.Select(l => l.DiffId.ToString()).ToList(),
            Size = image.Layers.Sum(l => l.Size),
            Loaded = DateTime.UtcNow,
            Parent = image.Parent is { } parent && _store.ById(parent) is not null ? parent : "",
        };

        var lines = new List<string>();
        if (tags.Count == 0)
        {
            await _store.AddAsync(record, null).ConfigureAwait(false);
            lines.Add("Loaded image ID: " + id);
        }

        foreach (var tag in tags)
        {
            if (_store.Tag(tag.ToString()) is { } previous && previous.ImageId != id)
            {
                lines.Add($"The image {tag.Familiar} already exists, renaming the old one with ID {previous.ImageId} to empty string");
            }

            await _store.AddAsync(record, tag.ToString()).ConfigureAwait(false);
            lines.Add("Loaded image: " + tag.Familiar);
        }

        _events.Image("load", id, tags.Count > 0 ? tags[0].Familiar : id);
        return lines;
    }

    private static ImageRef ParseLoadedTag(string name) =>
        ImageRef.TryParse(name, out var reference, out _) && reference.Digest is null
            ? reference.WithDefaultTag()
            : throw Errors.InvalidArgument($"invalid reference format: repository name ({name}) must be lowercase and well formed");
}
