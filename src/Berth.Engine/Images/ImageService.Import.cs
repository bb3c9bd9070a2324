using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// `docker import`: one tar becomes a one-layer image, tagged <paramref name="repository"/>
    /// (which may carry the tag itself, as the CLI sends it) or <paramref name="tag"/>.
    /// </summary>
    public async Task<string> ImportAsync(Stream tar, string? repository, string? tag, IReadOnlyList<string> changes, string? message, CancellationToken ct)
    {
        var reference = ParseRepoTag(repository, tag);
        var importer = new ImageImporter(_content, _layers);
        var imported = await importer.ImportAsync(tar, new ImportOptions(changes, message), ct).ConfigureAwait(false);
        var record = new ImageRecord
        {
            Id = imported.ImageId.ToString(),
            ChainIds = [imported.Layer.ChainId.ToString()],
            DiffIds = [imported.Layer.DiffId.ToString()],
            Size = imported.Layer.Size,
            Loaded = DateTime.UtcNow,
        };
        await AddImageAsync(record, reference).ConfigureAwait(false);
        _events.Image("import", record.Id, reference?.Familiar ?? record.Id);
        return record.Id;
    }

    /// <summary>Records an image and (optionally) points a reference at it; a retagged reference's old image may become dangling.</summary>
    public async Task AddImageAsync(ImageRecord record, ImageRef? reference)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _store.AddAsync(record, reference?.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>moby's RepoTagReference: repo may hold "name:tag"; a separate tag wins; nothing means untagged.</summary>
    public static ImageRef? ParseRepoTag(string? repository, string? tag)
    {
        if (string.IsNullOrEmpty(repository))
        {
            return null;
        }

        var reference = ImageRef.Parse(repository);
        if (reference.Digest is not null)
        {
            throw Errors.InvalidArgument("cannot import digest reference");
        }

        if (!string.IsNullOrEmpty(tag))
        {
            if (!ImageRef.TryParse("x:" + tag, out _, out _))
            {
                throw Errors.InvalidArgument("invalid reference format");
            }

            reference = reference.WithTag(tag);
        }

        return reference.WithDefaultTag();
    }
}
