using Berth.Core.Ids;
using Berth.Linux;

namespace Berth.Images.Content;

/// <summary>
/// A blob being written: a private file under <c>ingest/</c> that becomes <c>blobs/sha256/&lt;hex&gt;</c> on
/// <see cref="Commit"/> (fsync, then an atomic rename), or disappears on dispose. The caller hashes what it appends.
/// Writes are synchronous: on Linux an asynchronous file write is the same write, done on the thread pool.
/// </summary>
internal sealed class ContentIngest : IDisposable
{
    private readonly LocalContentStore _store;
    private readonly string _path;
    private readonly FileStream _file;
    private bool _committed;

    public ContentIngest(LocalContentStore store, string path)
    {
        _store = store;
        _path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    public void Append(ReadOnlySpan<byte> bytes) => _file.Write(bytes);

    /// <summary>Stores the bytes as the blob <paramref name="digest"/>, which the caller computed over exactly these bytes.</summary>
    public void Commit(Digest digest)
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        FileSystemMetadata.SetMode(_path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Concurrent writers of one blob each rename identical bytes over the same name: the last one wins, harmlessly.
        File.Move(_path, _store.BlobPath(digest), overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _file.Dispose();
        if (!_committed)
        {
            File.Delete(_path);
        }
    }
}
