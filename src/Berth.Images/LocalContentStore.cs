using System.Buffers;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Content;

namespace Berth.Images;

/// <summary>
/// Content-addressed blobs on disk, laid out as containerd's local store: <c>blobs/sha256/&lt;hex&gt;</c>, written
/// through <c>ingest/</c> so a blob appears whole and verified or not at all. Blobs are immutable (mode 0444).
/// </summary>
public sealed class LocalContentStore
{
    private const int BufferSize = 128 * 1024;

    private readonly string _blobs;
    private readonly string _ingest;

    public LocalContentStore(string root)
    {
        root = Path.GetFullPath(root);
        _blobs = Path.Combine(root, "blobs", "sha256");
        _ingest = Path.Combine(root, "ingest");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_ingest);
    }

    /// <summary>
    /// Stores <paramref name="content"/>, hashing it on the way. With <paramref name="expected"/> set, a blob that
    /// is already stored is not read again, and different content is refused (InvalidArgument) and not stored.
    /// </summary>
    public async Task<Digest> WriteAsync(Stream content, Digest? expected, CancellationToken ct)
    {
        if (expected is { } known && Exists(known))
        {
            return known;
        }

        using var ingest = BeginIngest();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                ingest.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var actual = Digest.FromHash(hash.GetCurrentHash());
        if (expected is { } wanted && wanted != actual)
        {
            throw DigestMismatch(wanted, actual);
        }

        ingest.Commit(actual);
        return actual;
    }

    public Task<Digest> WriteAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var digest = Digest.Compute(content.Span);
        if (!Exists(digest))
        {
            using var ingest = BeginIngest();
            ingest.Append(content.Span);
            ingest.Commit(digest);
        }

        return Task.FromResult(digest);
    }

    public bool Exists(Digest digest) => File.Exists(BlobPath(digest));

    public long SizeOf(Digest digest)
    {
        var info = new FileInfo(BlobPath(digest));
        return info.Exists ? info.Length : throw NotFound(digest);
    }

    public Stream OpenRead(Digest digest)
    {
        try
        {
            return new FileStream(BlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw NotFound(digest);
        }
    }

    public async Task<byte[]> ReadAllAsync(Digest digest, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(BlobPath(digest), ct).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw NotFound(digest);
        }
    }

    /// <summary>Removes a blob; removing one that is not there is not an error.</summary>
    public void Delete(Digest digest) => File.Delete(BlobPath(digest));

    public IEnumerable<Digest> List() =>
        Directory.EnumerateFiles(_blobs)
            .Select(Path.GetFileName)
            .Where(name => Digest.IsHex64(name))
            .Select(name => Digest.Parse(name!));

    /// <summary>Deletes writes a crash left unfinished. Call at startup, before any write.</summary>
    public void DeleteIncomplete()
    {
        foreach (var file in Directory.EnumerateFiles(_ingest))
        {
            File.Delete(file);
        }
    }

    internal string BlobPath(Digest digest) => Path.Combine(_blobs, digest.Hex);

    internal ContentIngest BeginIngest() => new(this, Path.Combine(_ingest, Guid.NewGuid().ToString("N")));

    internal static BerthException DigestMismatch(Digest expected, Digest actual) =>
        Errors.InvalidArgument($"digest mismatch: expected {expected}, got {actual}");

    private static BerthException NotFound(Digest digest) => new(ErrorKind.NotFound, $"content digest {digest}: not found");
}
