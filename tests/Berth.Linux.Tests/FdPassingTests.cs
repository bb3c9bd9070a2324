using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

public sealed partial class FdPassingTests
{
    private const int F_GETFD = 1;

    [Fact]
    public async Task A_descriptor_sent_with_scm_rights_arrives_close_on_exec()
    {
        using var dir = new TempDir();
        var (server, client) = await ConnectedPairAsync(dir.Combine("s.sock"));
        using (server)
        using (client)
        {
            var (read, write) = Pipe.Create();
            await using var reader = new PollableStream(read, null);
            using (write)
            {
                Send(client, write);
            }

            using var received = await FdPassing.ReceiveAsync(server, TestContext.Current.CancellationToken);
            Assert.Equal(1, Interop.Libc.fcntl(received, F_GETFD, 0) & 1);
            await using (var writer = new PollableStream(null, received))
            {
                await writer.WriteAsync("via fd"u8.ToArray(), TestContext.Current.CancellationToken);
            }

            Assert.Equal("via fd", await Busybox.ReadAllAsync(reader));
        }
    }

    [Fact]
    public async Task A_peer_that_hangs_up_without_a_descriptor_is_an_error()
    {
        using var dir = new TempDir();
        var (server, client) = await ConnectedPairAsync(dir.Combine("s.sock"));
        using (server)
        {
            client.Dispose();
            var error = await Assert.ThrowsAsync<LinuxException>(() => FdPassing.ReceiveAsync(server, TestContext.Current.CancellationToken));
            Assert.Equal(Errno.EPIPE, error.Errno);
        }
    }

    private static async Task<(Socket Server, Socket Client)> ConnectedPairAsync(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return (await listener.AcceptAsync(), client);
    }

    /// <summary>What a runtime does with --console-socket: one byte of data, one descriptor in SCM_RIGHTS.</summary>
    private static unsafe void Send(Socket socket, SafeFdHandle fd)
    {
        var data = stackalloc byte[1];
        var control = stackalloc byte[24];
        var header = (Interop.Libc.CmsgHdr*)control;
        header->Length = 20;
        header->Level = Interop.Libc.SOL_SOCKET;
        header->Type = Interop.Libc.SCM_RIGHTS;
        *(int*)(control + 16) = fd.DangerousFd;
        var iov = new Interop.Libc.IoVec { Base = data, Length = 1 };
        var message = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 24 };
        Assert.Equal(1, sendmsg((int)socket.Handle, &message, 0));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint sendmsg(int fd, Interop.Libc.MsgHdr* message, int flags);
}
