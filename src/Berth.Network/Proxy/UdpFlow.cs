using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Proxy;

/// <summary>One client's datagrams to the container and the container's replies back through the listener.</summary>
internal sealed class UdpFlow : IAsyncDisposable
{
    private const int MaxDatagram = 65535;
    private readonly Socket _listener;
    private readonly EndPoint _client;
    private readonly Socket _backend;
    private readonly Task _replies;
    private long _lastActivity = Stopwatch.GetTimestamp();

    private UdpFlow(Socket listener, EndPoint client, Socket backend)
    {
        _listener = listener;
        _client = client;
        _backend = backend;
        _replies = ReplyLoopAsync();
    }

    public TimeSpan IdleFor => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public static UdpFlow Open(Socket listener, EndPoint client, IPEndPoint backend)
    {
        var socket = new Socket(backend.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(backend);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UdpFlow(listener, client, socket);
    }

    public async ValueTask SendToBackendAsync(ReadOnlyMemory<byte> datagram, CancellationToken ct)
    {
        Touch();
        await _backend.SendAsync(datagram, SocketFlags.None, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _backend.Dispose();
        await _replies.ConfigureAwait(false);
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());

    private async Task ReplyLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            while (true)
            {
                try
                {
                    var read = await _backend.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                    Touch();
                    await _listener.SendToAsync(buffer.AsMemory(0, read), SocketFlags.None, _client).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // An ICMP port unreachable from the container, reported on the next receive: keep the flow.
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
