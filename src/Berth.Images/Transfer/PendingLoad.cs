using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>
/// An archive read and checked, its new layers staged: <see cref="CommitAsync"/> places them and stores the configs;
/// disposing without committing drops everything staged.
/// </summary>
public sealed class PendingLoad : IDisposable
{
    private readonly ArchiveContents _contents;
    private readonly IReadOnlyList<ArchiveImage> _images;
    private readonly LocalContentStore _content;
    private readonly LayerStore _layers;

    internal PendingLoad(ArchiveContents contents, IReadOnlyList<ArchiveImage> images, LocalContentStore content, LayerStore layers)
    {
        _contents = contents;
        _images = images;
        _content = content;
        _layers = layers;
    }

    /// <summary>Every name the archive gives its images, as it gives them (familiar or full), for checking before anything is stored.</summary>
    public IEnumerable<string> RepoTags => _images.SelectMany(i => i.RepoTags);

    /// <summary>
    /// Stores every image: layers already in the store are kept, staged ones are placed, a layer the archive uses
    /// above two different parents is unpacked again from its kept tar. If storing fails midway, the layers this
    /// call placed are removed again.
    /// </summary>
    public async Task<IReadOnlyList<LoadedImage>> CommitAsync(CancellationToken ct)
    {
        var placed = new List<Digest>();
        try
        {
            var loaded = new List<LoadedImage>();
            foreach (var image in _images)
            {
                var stack = new List<LayerInfo>();
                foreach (var reference in image.Layers)
                {
                    var parent = stack.Count == 0 ? (Digest?)null : stack[^1].ChainId;
                    var chain = ChainId.Next(parent, reference.DiffId);
                    if (!_layers.Exists(chain))
                    {
                        stack.Add(await PlaceAsync(reference, parent, ct).ConfigureAwait(false));
                        placed.Add(chain);
                    }
                    else
                    {
                        stack.Add(_layers.Get(chain));
                    }
                }

                await _content.WriteAsync(image.ConfigJson, ct).ConfigureAwait(false);
                loaded.Add(new LoadedImage(image.Id, image.Config, stack, image.RepoTags, image.Parent));
            }

            return loaded;
        }
        catch
        {
            placed.Reverse();
            placed.ForEach(_layers.Delete);
            throw;
        }
    }

    public void Dispose() => _contents.Dispose();

    private async Task<LayerInfo> PlaceAsync(ArchiveLayerRef reference, Digest? parent, CancellationToken ct)
    {
        var layer = _contents.Layer(reference.Path)
            ?? throw Core.Errors.Errors.InvalidArgument($"invalid archive: layer {reference.Path} is missing");
        if (layer.Staged is { } staged && !layer.Published)
        {
            layer.Published = true;
            return _layers.PublishStaged(staged, parent);
        }

        // Unpacked already (above another parent), or never read because the store holds its blob.
        var blob = layer.StoredAs ?? reference.DiffId;
        await using var tar = _content.OpenRead(blob);
        return await _layers.ApplyAsync(tar, parent, reference.DiffId, blob == reference.DiffId ? null : _content, ct).ConfigureAwait(false);
    }
}
