namespace Berth.Images.Tests.Support;

/// <summary>A forward-only view of some bytes, like a request body; optionally refuses to be read at all.</summary>
internal sealed class NonSeekableStream(byte[] bytes, bool forbidReads = false) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public bool WasRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        WasRead = true;
        return forbidReads ? throw new InvalidOperationException("this stream must not be read") : _inner.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
