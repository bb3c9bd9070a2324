namespace Berth.Images.Transfer;

/// <summary>Hears how far the reading of an archive's layers has got, as Docker's "Loading layer" progress shows it.</summary>
/// <remarks>Called from the thread that reads the archive, a few times a second per layer.</remarks>
public interface ILoadProgress
{
    /// <param name="id">The layer blob's short name: 12 hex digits of its digest, or its directory in a legacy archive.</param>
    void LayerRead(string id, long current, long total);
}
