using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>A blob of an image archive that was read as a layer: staged, refused, or left unread because it is stored already.</summary>
internal sealed class ArchiveLayer : IDisposable
{
    /// <summary>The digest of the blob's bytes as the archive holds them (compressed, if they are).</summary>
    public Digest? BlobDigest { get; init; }

    public StagedLayer? Staged { get; init; }

    /// <summary>Why the blob is no layer: reported only if an image uses it.</summary>
    public BerthException? Error { get; init; }

    /// <summary>The content store already held a blob of the digest this blob is named by, so it was not read.</summary>
    public Digest? StoredAs { get; init; }

    /// <summary>Set once <see cref="Staged"/> is placed in the layer store; it cannot be placed twice.</summary>
    public bool Published { get; set; }

    public void Dispose()
    {
        if (!Published)
        {
            Staged?.Dispose();
        }
    }
}
