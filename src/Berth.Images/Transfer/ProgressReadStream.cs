using System.Diagnostics;

namespace Berth.Images.Transfer;

/// <summary>A read-only pass-through that reports how many bytes went by: at most ten times a second, and at the end.</summary>
internal sealed class ProgressReadStream(Stream inner, long total, Action<long, long> report) : Stream
{
    private static readonly long Interval = Stopwatch.Frequency / 10;

    private long _current;
    private long _lastReport = Stopwatch.GetTimestamp();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        _current += read;
        var now = Stopwatch.GetTimestamp();
        if (read > 0 && (_current == total || now - _lastReport >= Interval))
        {
            _lastReport = now;
            report(_current, total);
        }

        return read;
    }
}
