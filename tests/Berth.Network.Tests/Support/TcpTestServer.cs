using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Network.Tests.Support;

/// <summary>
/// A "container" service: reads each connection to its end, then answers "&lt;tag&gt;:&lt;data&gt; from &lt;peer address&gt;"
/// and closes, which exercises half-close through any relay and tells who connected.
/// </summary>
internal sealed class TcpTestServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _tag;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TcpTestServer(Socket boundListener, string tag = "got")
    {
        _listener = boundListener;
        _tag = tag;
        _loop = ServeAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static TcpTestServer OnLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        return new TcpTestServer(socket);
    }

    /// <summary>Connects, sends <paramref name="data"/>, half-closes, and returns everything the server said.</summary>
    public static async Task<string> ExchangeAsync(Socket client, EndPoint server, string data)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(server, timeout.Token);
        await client.SendAsync(Encoding.ASCII.GetBytes(data), SocketFlags.None, timeout.Token);
        client.Shutdown(SocketShutdown.Send);
        return await ReadToEndAsync(client, timeout.Token);
    }

    public static async Task<string> ExchangeAsync(EndPoint server, string data)
    {
        using var client = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        return await ExchangeAsync(client, server, data);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop.ContinueWith(_ => { });
        _stop.Dispose();
    }

    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptAsync(_stop.Token);
            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    var data = await ReadToEndAsync(connection, _stop.Token);
                    var peer = ((IPEndPoint)connection.RemoteEndPoint!).Address;
                    await connection.SendAsync(Encoding.ASCII.GetBytes($"{_tag}:{data} from {peer}"), SocketFlags.None, _stop.Token);
                }
            });
        }
    }
}
