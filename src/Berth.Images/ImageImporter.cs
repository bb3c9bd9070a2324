namespace Berth.Images;

/// <summary><c>docker import</c>: one tar (plain, gzip or zstd) becomes a one-layer image, as moby's ImportImage makes it.</summary>
public sealed class ImageImporter(LocalContentStore content, LayerStore layers)
{
    /// <summary>
    /// Applies the changes (checked first, so bad ones fail before the tar is read), unpacks the tar as a base layer
    /// keeping the tar as a blob, and stores the config blob, whose digest is the image ID.
    /// </summary>
    public async Task<ImportedImage> ImportAsync(Stream tar, ImportOptions options, CancellationToken ct)
    {
        var containerConfig = new ContainerConfig();
        DockerfileChanges.Apply(containerConfig, options.Changes);

        var layer = await layers.ApplyAsync(tar, parentChainId: null, expectedDiffId: null, keepTarIn: content, ct).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        var comment = options.Message is { Length: > 0 } message ? message : "Imported from -";
        var config = new ImageConfig
        {
            Created = created,
            Architecture = options.Architecture,
            Os = options.Os,
            Config = containerConfig,
            RootFs = new RootFs { DiffIds = [layer.DiffId] },
            History = [new HistoryEntry { Created = created, Comment = comment }],
            Comment = comment,
        };

        var json = ImageConfigJson.Serialize(config);
        var imageId = await content.WriteAsync(json, ct).ConfigureAwait(false);
        return new ImportedImage(imageId, json, config, layer);
    }
}
