using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>`docker tag SOURCE TARGET`.</summary>
    public async Task TagAsync(string source, string repository, string? tag)
    {
        var image = Resolve(source).Record;
        var target = ParseRepoTag(repository, tag) ?? throw Errors.InvalidArgument("repository name must have at least one component");
        if (target.Digest is not null)
        {
            throw Errors.InvalidArgument("refusing to create a tag with a digest reference");
        }

        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _store.TagAsync(target.ToString(), image.Id).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        _events.Image("tag", image.Id, target.Familiar);
    }

    internal static ImageRef Normalize(string reference) => ImageRef.Parse(reference).WithDefaultTag();
}
