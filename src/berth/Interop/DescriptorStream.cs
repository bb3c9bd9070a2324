using System.Runtime.InteropServices;

namespace Berth.Cli.Interop;

/// <summary>
/// A standard descriptor read and written with read(2) and write(2), as Go's os.File does. FileStream
/// would use pwrite at its own offset on a regular file, which loses output when a shell shares that
/// file with other commands; System.Console's streams change terminal modes.
/// </summary>
internal sealed partial class DescriptorStream(int fd, bool canWrite) : Stream
{
    private const int EINTR = 4;

    public override bool CanRead => !canWrite;

    public override bool CanSeek => false;

    public override bool CanWrite => canWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var read = read_(fd, pointer, (nuint)buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                if (Marshal.GetLastPInvokeError() != EINTR)
                {
                    throw new IOException($"read from descriptor {fd} failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>stdin blocks: read on a pool thread.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => Read(buffer.Span), cancellationToken));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var pointer = start;
            var left = buffer.Length;
            while (left > 0)
            {
                var written = write_(fd, pointer, (nuint)left);
                if (written < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"write to descriptor {fd} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                pointer += written;
                left -= (int)written;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    // Stream's default queues Flush to the thread pool, starting it for nothing
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint read_(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint write_(int fd, byte* buffer, nuint count);
}
