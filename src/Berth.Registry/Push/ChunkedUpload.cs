using System.Security.Cryptography;
using Berth.Core.Ids;
using Berth.Registry.Http;

namespace Berth.Registry.Push;

/// <summary>
/// The write side of a blob upload session: bytes written are hashed and counted, and sent as PATCH chunks of a
/// fixed size with their Content-Range; <see cref="CompleteAsync"/> sends the rest with the closing PUT ?digest=.
/// A blob smaller than one chunk thus goes up monolithically, in the PUT alone.
/// </summary>
internal sealed class ChunkedUpload(RepositoryClient repository, Uri location, int chunkSize) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _pending = new();
    private Uri _location = location;
    private long _sent;

    /// <summary>Bytes written so far.</summary>
    public long Size => _sent + _pending.Length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Buffers only: the compressor writes synchronously just for its last block, which the closing PUT carries.</summary>
    public override void Write(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        _pending.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        _pending.Write(buffer.Span);
        if (_pending.Length >= chunkSize)
        {
            var chunk = _pending.GetBuffer().AsMemory(0, (int)_pending.Length);
            _location = await repository.UploadChunkAsync(_location, chunk, _sent, cancellationToken).ConfigureAwait(false);
            _sent += chunk.Length;
            _pending.SetLength(0);
        }
    }

    /// <summary>Closes the upload with what is still buffered; returns the blob's digest and size.</summary>
    public async Task<(Digest Digest, long Size)> CompleteAsync(CancellationToken ct)
    {
        var digest = Digest.FromHash(_hash.GetCurrentHash());
        var size = Size;
        await repository.CompleteUploadAsync(_location, digest, _pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct).ConfigureAwait(false);
        _sent = size;
        _pending.SetLength(0);
        return (digest, size);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
