using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Tests.Support;

/// <summary>A "container" UDP service on 127.0.0.1 that sends every datagram back.</summary>
internal sealed class UdpEchoServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public UdpEchoServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = EchoAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static async Task<byte[]> AskAsync(Socket client, EndPoint server, byte[] datagram)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.SendToAsync(datagram, SocketFlags.None, server, timeout.Token);
        var buffer = new byte[65535];
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..read];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ContinueWith(_ => { });
        _stop.Dispose();
    }

    private async Task EchoAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            await _socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, received.RemoteEndPoint);
        }
    }
}
