using System.Net;
using System.Net.Sockets;

namespace Berth.IntegrationTests.Registry;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a registry that, while <see cref="Cutting"/>, drops each connection once it
/// has carried <see cref="Limit"/> bytes towards the client: a network cut in the middle of a blob download.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;

    public CuttingProxy(int targetPort, long limit)
    {
        _target = targetPort;
        Limit = limit;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Limit { get; }

    public bool Cutting { get; set; } = true;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target);
            var up = client.GetStream().CopyToAsync(server.GetStream());
            var down = CopyDownAsync(server.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task CopyDownAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            if (Cutting && sent + read > Limit)
            {
                await to.WriteAsync(buffer.AsMemory(0, (int)(Limit - sent)));
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read));
            sent += read;
        }
    }
}
