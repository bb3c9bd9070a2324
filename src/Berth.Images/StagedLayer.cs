using Berth.Core.Ids;
using Berth.Images.Content;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// A layer unpacked under the layer store's staging directory, not yet placed in a stack (see
/// <see cref="LayerStore.StageAsync"/>). Disposing it removes whatever was not published.
/// </summary>
internal sealed class StagedLayer(string directory, Digest diffId, long size, ContentIngest? keptTar) : IDisposable
{
    public string Directory { get; } = directory;

    public Digest DiffId { get; } = diffId;

    public long Size { get; } = size;

    /// <summary>The uncompressed tar, still uncommitted, when the store was asked to keep it.</summary>
    public ContentIngest? KeptTar { get; } = keptTar;

    public void Dispose()
    {
        KeptTar?.Dispose();
        FileSystemTree.Remove(Directory);
    }
}
