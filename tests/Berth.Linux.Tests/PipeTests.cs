namespace Berth.Linux.Tests;

public sealed class PipeTests
{
    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;

    [Fact]
    public void Both_ends_are_close_on_exec()
    {
        var (read, write) = Pipe.Create();
        using (read)
        using (write)
        {
            Assert.Equal(FD_CLOEXEC, Interop.Libc.fcntl(read, F_GETFD, 0) & FD_CLOEXEC);
            Assert.Equal(FD_CLOEXEC, Interop.Libc.fcntl(write, F_GETFD, 0) & FD_CLOEXEC);
        }
    }

    [Fact]
    public async Task Bytes_flow_and_closing_the_writer_ends_the_reader()
    {
        var (read, write) = Pipe.Create();
        await using var reader = new PollableStream(read, null);
        await using (var writer = new PollableStream(null, write))
        {
            var pending = reader.ReadAsync(new byte[16], TestContext.Current.CancellationToken).AsTask();
            await writer.WriteAsync("hello"u8.ToArray(), TestContext.Current.CancellationToken);
            Assert.Equal(5, await pending);
        }

        Assert.Equal(0, await reader.ReadAsync(new byte[16], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_write_larger_than_the_pipe_waits_for_the_reader()
    {
        var (read, write) = Pipe.Create();
        await using var reader = new PollableStream(read, null);
        await using var writer = new PollableStream(null, write);
        var data = new byte[1 << 20];
        Random.Shared.NextBytes(data);
        var writing = writer.WriteAsync(data, TestContext.Current.CancellationToken).AsTask();
        var received = new MemoryStream();
        var buffer = new byte[65536];
        while (received.Length < data.Length)
        {
            received.Write(buffer, 0, await reader.ReadAsync(buffer, TestContext.Current.CancellationToken));
        }

        await writing;
        Assert.Equal(data, received.ToArray());
    }

    [Fact]
    public async Task Disposing_a_stream_ends_its_pending_read()
    {
        var (read, write) = Pipe.Create();
        using (write)
        {
            var reader = new PollableStream(read, null);
            var pending = reader.ReadAsync(new byte[16], TestContext.Current.CancellationToken).AsTask();
            Assert.False(pending.IsCompleted);
            await reader.DisposeAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending);
        }
    }

    [Fact]
    public async Task Cancelling_a_read_leaves_the_stream_usable()
    {
        var (read, write) = Pipe.Create();
        await using var reader = new PollableStream(read, null);
        await using var writer = new PollableStream(null, write);
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(new byte[16], cancel.Token).AsTask());
        await writer.WriteAsync("x"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(1, await reader.ReadAsync(new byte[16], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Duplicate_is_close_on_exec_and_above_the_floor()
    {
        var (read, write) = Pipe.Create();
        using (read)
        using (write)
        using (var copy = Descriptors.Duplicate(read, 100))
        {
            Assert.True(copy.DangerousFd >= 100);
            Assert.Equal(FD_CLOEXEC, Interop.Libc.fcntl(copy, F_GETFD, 0) & FD_CLOEXEC);
        }
    }
}
