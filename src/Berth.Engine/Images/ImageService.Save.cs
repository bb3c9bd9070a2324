using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Transfer;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// `docker save`: the named images as one archive (Docker 25+'s, both a Docker archive and an OCI layout). A
    /// tagged name carries its tag, a repository name all of its tags, an ID none. Every name is resolved before a
    /// byte is written, so an unknown one is an ordinary error.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<string> names, Stream output, CancellationToken ct)
    {
        var tagsById = new Dictionary<string, List<ImageRef>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var name in names)
        {
            foreach (var (imageId, tag) in SaveTargets(name))
            {
                if (!tagsById.TryGetValue(imageId, out var tags))
                {
                    tagsById[imageId] = tags = [];
                    order.Add(imageId);
                }

                if (tag is not null && !tags.Contains(tag))
                {
                    tags.Add(tag);
                }
            }
        }

        var images = order.Select(id =>
        {
            var record = _store.ById(id) ?? throw Errors.NoSuchImage(id);
            Digest? parent = record.Parent.Length > 0 ? Digest.Parse(record.Parent) : null;
            return new SavedImage(Digest.Parse(id), record.DiffIds.Select(Digest.Parse).ToList(), tagsById[id], parent);
        }).ToList();
        await new ImageArchiveWriter(_content).WriteAsync(images, output, ct).ConfigureAwait(false);
        foreach (var image in images)
        {
            _events.Image("save", image.Id.ToString(), image.Tags.Count > 0 ? image.Tags[0].Familiar : image.Id.ToString());
        }
    }

    /// <summary>moby's tarexport parseNames: which images (and tags) one name of `docker save` stands for.</summary>
    private IEnumerable<(string ImageId, ImageRef? Tag)> SaveTargets(string name)
    {
        if (ImageRef.TryParse(name, out var reference, out _) && !Digest.IsHex64(name) && !name.StartsWith("sha256:", StringComparison.Ordinal))
        {
            if (reference.Tag is null && reference.Digest is null)
            {
                var tagged = _store.Tags.Where(t => ImageRef.Parse(t.Reference).Repository == reference.Repository)
                    .OrderBy(t => t.Reference, StringComparer.Ordinal)
                    .Select(t => (t.ImageId, (ImageRef?)ImageRef.Parse(t.Reference)))
                    .ToList();
                if (tagged.Count > 0)
                {
                    return tagged;
                }
            }
            else if (reference.Tag is not null && _store.Tag(reference.ToString()) is { } tag)
            {
                return [(tag.ImageId, reference)];
            }
        }

        return [(FindRecord(name)?.Id ?? throw Errors.NoSuchImage(DisplayName(name)), null)];
    }
}
