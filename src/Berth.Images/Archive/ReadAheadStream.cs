using System.Buffers;
using System.Threading.Channels;

namespace Berth.Images.Archive;

/// <summary>
/// Reads <c>inner</c> on its own task, a few chunks ahead of the consumer, so that decompressing and hashing a layer
/// run alongside the file writes that unpack it. Read and dispose it asynchronously; that disposes <c>inner</c> too.
/// An error reading <c>inner</c> comes out of the consumer's read.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 256 * 1024;
    private const int ChunksAhead = 4;

    private readonly Stream _inner;
    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;
    private Chunk? _current;
    private int _offset;

    public ReadAheadStream(Stream inner, CancellationToken ct)
    {
        _inner = inner;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _producer = Task.Run(ProduceAsync, CancellationToken.None);
    }

    /// <summary>Whether a read has come back empty: the stream ended.</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_current is null)
        {
            // Faults with the producer's exception, if it failed.
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ReachedEnd = true;
                return 0;
            }

            _current = await _chunks.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            _offset = 0;
        }

        var chunk = _current;
        var count = Math.Min(buffer.Length, chunk.Length - _offset);
        chunk.Bytes.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == chunk.Length)
        {
            ArrayPool<byte>.Shared.Return(chunk.Bytes);
            _current = null;
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _producer.ConfigureAwait(false);
        while (_chunks.Reader.TryRead(out var chunk))
        {
            ArrayPool<byte>.Shared.Return(chunk.Bytes);
        }

        _stop.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ProduceAsync()
    {
        try
        {
            int read;
            do
            {
                var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    read = await _inner.ReadAtLeastAsync(bytes.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, _stop.Token).ConfigureAwait(false);
                    if (read > 0)
                    {
                        await _chunks.Writer.WriteAsync(new Chunk(bytes, read), _stop.Token).ConfigureAwait(false);
                        bytes = null;
                    }
                }
                finally
                {
                    if (bytes is not null)
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                    }
                }
            }
            while (read == ChunkSize);

            _chunks.Writer.Complete();
        }
        catch (Exception e)
        {
            _chunks.Writer.Complete(e);
        }
    }

    private sealed record Chunk(byte[] Bytes, int Length);
}
