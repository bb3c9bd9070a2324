using Berth.Images.Archive;

namespace Berth.Images.Transfer;

/// <summary>
/// What an image archive held, by path: small JSON documents (manifests, configs, indexes) in memory, layers
/// staged, and links (legacy archives link a layer shared by two images). Disposing it drops unpublished layers.
/// </summary>
internal sealed class ArchiveContents : IDisposable
{
    private const int MaxLinkHops = 40;

    private readonly Dictionary<string, byte[]> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArchiveLayer> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    public IEnumerable<ArchiveLayer> Layers => _layers.Values;

    public void AddDocument(string path, byte[] bytes) => _documents[path] = bytes;

    public void AddLayer(string path, ArchiveLayer layer)
    {
        if (_layers.Remove(path, out var replaced))
        {
            replaced.Dispose();
        }

        _layers[path] = layer;
    }

    /// <summary>Records a link; <paramref name="target"/> is already relative to the archive's root.</summary>
    public void AddLink(string path, string target) => _links[path] = target;

    public bool HasDocument(string path) => Resolve(path) is { } resolved && _documents.ContainsKey(resolved);

    public byte[]? Document(string path) => Resolve(path) is { } resolved ? _documents.GetValueOrDefault(resolved) : null;

    public ArchiveLayer? Layer(string path) => Resolve(path) is { } resolved ? _layers.GetValueOrDefault(resolved) : null;

    public void Dispose()
    {
        foreach (var layer in _layers.Values)
        {
            layer.Dispose();
        }
    }

    /// <summary>Cleans a path named inside the archive (entry names and manifest references alike) and follows links, as moby's safePath does.</summary>
    public string? Resolve(string path)
    {
        if (!EntryPath.TryClean(path, out var clean, allowAbsolute: true) || clean is null)
        {
            return null;
        }

        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            if (!TryFollowFirstLink(clean, out var next))
            {
                return clean;
            }

            if (next is null)
            {
                return null;
            }

            clean = next;
        }

        return null;
    }

    /// <summary>
    /// Replaces the first component of <paramref name="path"/> that is a link by the link's target; false if none is
    /// a link. <paramref name="next"/> is null when the result would leave the archive.
    /// </summary>
    private bool TryFollowFirstLink(string path, out string? next)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            if (_links.TryGetValue(string.Join('/', parts[..i]), out var target))
            {
                var rest = string.Join('/', parts[i..]);
                next = EntryPath.TryClean(rest.Length == 0 ? target : target + "/" + rest, out var clean, allowAbsolute: true) ? clean : null;
                return true;
            }
        }

        next = null;
        return false;
    }
}
