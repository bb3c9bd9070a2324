using System.Text.Json;
using Berth.Core.Ids;
using Berth.Registry.Json;

namespace Berth.Registry.Metadata;

/// <summary>
/// Which registry blobs hold which layers, by DiffID (moby's v2metadata-by-diffid): learnt on pull and push, so a
/// push can answer "Layer already exists" or mount a blob instead of uploading it again. One small JSON file per
/// layer, replaced atomically; losing an update only costs an upload.
/// </summary>
public sealed class DistributionMetadata
{
    private const int MaxSourcesPerLayer = 50;
    private readonly string _root;
    private readonly Lock _lock = new();

    public DistributionMetadata(string root)
    {
        _root = Path.Combine(root, "v2metadata-by-diffid");
        Directory.CreateDirectory(_root);
    }

    public IReadOnlyList<LayerSource> SourcesOf(Digest diffId)
    {
        var path = PathOf(diffId);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RegistryJsonContext.Default.ListLayerSource) ?? [];
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Remembers that <paramref name="source"/> holds the layer <paramref name="diffId"/> (newest first).</summary>
    public void Add(Digest diffId, LayerSource source)
    {
        lock (_lock)
        {
            var sources = SourcesOf(diffId).Where(s => s != source).Prepend(source).Take(MaxSourcesPerLayer).ToList();
            var path = PathOf(diffId);
            var temporary = path + "." + Guid.NewGuid().ToString("N")[..8];
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(sources, RegistryJsonContext.Default.ListLayerSource));
            File.Move(temporary, path, overwrite: true);
        }
    }

    private string PathOf(Digest diffId) => Path.Combine(_root, diffId.Hex);
}
