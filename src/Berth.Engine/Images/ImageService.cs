using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Events;
using Berth.Engine.State;
using Berth.Images;

namespace Berth.Engine.Images;

/// <summary>Images as users see them: names and IDs, tags, import, inspect, removal and pruning.</summary>
public sealed partial class ImageService
{
    private readonly ImageStore _store;
    private readonly ContainerStore _containers;
    private readonly LocalContentStore _content;
    private readonly LayerStore _layers;
    private readonly EventBus _events;
    private readonly ConcurrentDictionary<string, ImageConfig> _configs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public ImageService(ImageStore store, ContainerStore containers, LocalContentStore content, LayerStore layers, EventBus events)
    {
        _store = store;
        _containers = containers;
        _content = content;
        _layers = layers;
        _events = events;
    }

    public LayerStore Layers => _layers;

    public LocalContentStore Content => _content;

    /// <summary>Finds an image the way Docker does: by reference first, then by (short) ID.</summary>
    public ResolvedImage Resolve(string refOrId)
    {
        var image = FindRecord(refOrId) ?? throw Errors.NoSuchImage(DisplayName(refOrId));
        return new ResolvedImage(image, GetConfig(image.Id), TagsOf(image.Id));
    }

    public ResolvedImage? TryResolve(string refOrId)
    {
        var image = FindRecord(refOrId);
        return image is null ? null : new ResolvedImage(image, GetConfig(image.Id), TagsOf(image.Id));
    }

    private ImageRecord? FindRecord(string refOrId)
    {
        if (string.IsNullOrEmpty(refOrId))
        {
            return null;
        }

        if (refOrId.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return FindById(refOrId["sha256:".Length..]);
        }

        if (Digest.IsHex64(refOrId))
        {
            return _store.ById("sha256:" + refOrId);
        }

        if (ImageRef.TryParse(refOrId, out var reference, out _))
        {
            if (reference.Digest is not null)
            {
                return FindByRepoDigest(reference);
            }

            var tag = _store.Tag(reference.WithDefaultTag().ToString());
            if (tag is not null)
            {
                return _store.ById(tag.ImageId);
            }
        }

        return refOrId.All(char.IsAsciiHexDigitLower) ? FindById(refOrId) : null;
    }

    private ImageRecord? FindById(string hexPrefix)
    {
        if (hexPrefix.Length == 0)
        {
            return null;
        }

        var matches = _store.Images.Where(i => i.Id.AsSpan("sha256:".Length).StartsWith(hexPrefix, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>How Docker names an image in "No such image": the familiar reference with its tag.</summary>
    public static string DisplayName(string refOrId) =>
        ImageRef.TryParse(refOrId, out var reference, out _) && !Digest.IsHex64(refOrId)
            ? reference.WithDefaultTag().Familiar
            : refOrId;

    public ImageConfig GetConfig(string imageId) =>
        _configs.GetOrAdd(imageId, id =>
        {
            using var stream = _content.OpenRead(Digest.Parse(id));
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return ImageConfigJson.Parse(buffer.ToArray());
        });

    /// <summary>Familiar tags (busybox:latest) of an image, sorted.</summary>
    public IReadOnlyList<string> TagsOf(string imageId) =>
        _store.TagsOf(imageId).Select(t => ImageRef.Parse(t.Reference).Familiar).ToList();

    public IReadOnlyCollection<ImageRecord> All => _store.Images;

    public DateTime? LastTagTime(string imageId) =>
        _store.TagsOf(imageId).Select(t => (DateTime?)t.TaggedAt).DefaultIfEmpty(null).Max();

    /// <summary>The unpacked layer directories of an image, bottom to top, for the snapshotter.</summary>
    public IReadOnlyList<string> LayerDirs(ImageRecord image) =>
        image.ChainIds.Select(c => _layers.DiffDir(Digest.Parse(c))).ToList();

    private bool InUseByContainers(string imageId) => _containers.All.Any(c => c.ImageId == imageId);
}
