using Berth.Core.Ids;

namespace Berth.Engine.Images;

/// <summary>An image as `system df` counts it.</summary>
/// <param name="SharedSize">Bytes of its layers that another image uses too (each layer is stored once, for all of them).</param>
/// <param name="Containers">How many containers use it.</param>
public sealed record ImageUsage(ResolvedImage Image, long SharedSize, int Containers);

public sealed partial class ImageService
{
    /// <summary>
    /// `system df` for images, as moby counts: every stored layer once (LayersSize), and per image the bytes of
    /// the layers it shares with another image, so Size - SharedSize is what removing it alone would free.
    /// </summary>
    public (long LayersSize, IReadOnlyList<ImageUsage> Images) DiskUsage()
    {
        var layersSize = _layers.List().Sum(chain => _layers.SizeOf(chain));
        var images = _store.Images;
        var references = images.SelectMany(i => i.ChainIds).GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var usage = images.Select(image =>
        {
            var shared = image.ChainIds.Where(c => references[c] > 1).Select(Digest.Parse).Where(_layers.Exists).Sum(_layers.SizeOf);
            var containers = _containers.All.Count(c => c.ImageId == image.Id);
            return new ImageUsage(new ResolvedImage(image, GetConfig(image.Id), TagsOf(image.Id)), shared, containers);
        });
        return (layersSize, usage.OrderByDescending(u => u.Image.Config.Created ?? DateTimeOffset.MinValue).ToList());
    }
}
