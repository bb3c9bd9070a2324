namespace Berth.Linux;

/// <summary>
/// A Stream over non-blocking descriptors (pipe ends, a pty master): reads and writes go straight to
/// the kernel and wait on <see cref="EpollLoop"/> only when they would block. Reading and writing may
/// use different descriptors (two dups of a pty master), so both can wait at once.
/// </summary>
/// <remarks>
/// Why not the BCL: a FileStream over a pipe fd is synchronous on Linux (isAsync:true is refused for a
/// handle not opened by .NET), and its ReadAsync blocks a pool thread per pending read: 64 idle pipes
/// left 6 pool threads blocked and 59 work items queued behind them. AnonymousPipeClientStream does
/// use epoll, but refuses anything that is not a FIFO or socket, so not a pty master. One epoll thread
/// serves pipes, pty masters and pidfds alike.
/// </remarks>
public sealed class PollableStream : Stream
{
    private readonly SafeFdHandle? _read;
    private readonly SafeFdHandle? _write;
    private readonly CancellationTokenSource _disposed = new();

    public PollableStream(SafeFdHandle? read, SafeFdHandle? write)
    {
        _read = read;
        _write = write;
        if (read is not null)
        {
            Descriptors.SetNonBlocking(read);
        }

        if (write is not null && write != read)
        {
            Descriptors.SetNonBlocking(write);
        }
    }

    public override bool CanRead => _read is not null;

    public override bool CanWrite => _write is not null;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var fd = _read ?? throw new NotSupportedException();
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            var (n, errno) = Descriptors.Read(fd, buffer.Span);
            if (n >= 0)
            {
                return n;
            }

            switch (errno)
            {
                case Errno.EAGAIN:
                    await WaitAsync(fd, write: false, cancellationToken).ConfigureAwait(false);
                    break;
                case Errno.EINTR:
                    break;
                case Errno.EIO:
                    // a pty master reads EIO once no process holds the terminal open: its end of file
                    return 0;
                default:
                    throw new IOException(new LinuxException(errno, "read").Message);
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var fd = _write ?? throw new NotSupportedException();
        while (!buffer.IsEmpty)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            var (n, errno) = Descriptors.Write(fd, buffer.Span);
            if (n >= 0)
            {
                buffer = buffer[n..];
                continue;
            }

            switch (errno)
            {
                case Errno.EAGAIN:
                    await WaitAsync(fd, write: true, cancellationToken).ConfigureAwait(false);
                    break;
                case Errno.EINTR:
                    break;
                default:
                    throw new IOException(new LinuxException(errno, "write").Message);
            }
        }
    }

    /// <summary>Waits for readiness; disposing the stream ends the wait (with ObjectDisposedException).</summary>
    private async Task WaitAsync(SafeFdHandle fd, bool write, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        try
        {
            await EpollLoop.Shared.WaitAsync(fd, write, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(PollableStream));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, default).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            // wake pending waits first: their descriptors leave the epoll set while still open
            _disposed.Cancel();
            _read?.Dispose();
            _write?.Dispose();
            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }
}
