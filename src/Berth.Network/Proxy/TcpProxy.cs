using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Network.Proxy;

/// <summary>
/// The in-process docker-proxy for one TCP binding: accepts on the host socket the port allocator bound
/// and relays each connection to the container address. It serves what the kernel's DNAT cannot:
/// connections to loopback addresses, from containers on the bridge to a host address, and IPv6 to an
/// IPv4-only container.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _backend;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, Socket> _connections = new();
    private readonly ConcurrentDictionary<Task, bool> _relays = new();
    private readonly Task _acceptLoop;

    private TcpProxy(Socket listener, IPEndPoint backend, ILogger logger)
    {
        _listener = listener;
        _backend = backend;
        _logger = logger;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Starts serving <paramref name="listener"/>, which must already listen; the caller keeps owning it.</summary>
    public static TcpProxy Start(Socket listener, IPEndPoint backend, ILogger logger) => new(listener, backend, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
        foreach (var (client, backend) in _connections)
        {
            client.Dispose();
            backend.Dispose();
        }

        await Task.WhenAll(_relays.Keys).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stop.IsCancellationRequested)
                {
                    NetworkLog.ProxyStopped(_logger, _listener.LocalEndPoint?.ToString() ?? "?", e.Message);
                }

                return;
            }

            var relay = RelayAsync(client);
            _relays.TryAdd(relay, true);
            _ = relay.ContinueWith(t => _relays.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var backend = new Socket(_backend.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _connections.TryAdd(client, backend);
        try
        {
            client.NoDelay = true;
            backend.NoDelay = true;
            await backend.ConnectAsync(_backend, _stop.Token).ConfigureAwait(false);
            await TcpRelay.RunAsync(client, backend).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            NetworkLog.ProxyConnectionFailed(_logger, _listener.LocalEndPoint?.ToString() ?? "?", _backend.ToString(), e.Message);
        }
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
            backend.Dispose();
        }
    }
}
