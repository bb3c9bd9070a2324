using System.Diagnostics;
using System.Security.Cryptography;
using Berth.Core.Ids;

namespace Berth.Registry.Pull;

/// <summary>
/// Reads a blob from the network, hashing and counting every byte and reporting how far it got (at most ten times a
/// second, and at the end). Disposing it does nothing: the network stream stays with its owner, so the rest can
/// still be drained and hashed after the layer reader is done with it.
/// </summary>
internal sealed class VerifyingStream(Stream inner, long total, Action<long, long> report) : Stream
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _lastReport;

    public long BytesRead { get; private set; }

    public Digest Digest => Digest.FromHash(_hash.GetCurrentHash());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Counted(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads what is left (up to one byte more than expected, enough to tell a longer blob), so the digest covers it.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (BytesRead <= total && await ReadAsync(buffer, ct).ConfigureAwait(false) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Frees the hash. Not done on dispose: the layer reader disposes this stream before the rest is drained.</summary>
    public void ReleaseHash() => _hash.Dispose();

    private int Counted(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return 0;
        }

        _hash.AppendData(bytes);
        BytesRead += bytes.Length;
        var now = Stopwatch.GetTimestamp();
        if (BytesRead >= total || now - _lastReport >= Interval)
        {
            _lastReport = now;
            report(BytesRead, total);
        }

        return bytes.Length;
    }
}
