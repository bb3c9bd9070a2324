using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Network.Proxy;

/// <summary>
/// The in-process docker-proxy for one UDP binding: one flow per client address, each with its own
/// socket connected to the container, so replies find their client; a flow idle for
/// <see cref="IdleTimeout"/> (docker-proxy's 90 s by default) is closed.
/// </summary>
internal sealed class UdpProxy : IAsyncDisposable
{
    private const int MaxDatagram = 65535;
    private readonly Socket _listener;
    private readonly IPEndPoint _backend;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<EndPoint, UdpFlow> _flows = new();
    private readonly Task _receiveLoop;
    private readonly Task _idleLoop;

    private UdpProxy(Socket listener, IPEndPoint backend, TimeSpan idleTimeout, ILogger logger)
    {
        _listener = listener;
        _backend = backend;
        _logger = logger;
        IdleTimeout = idleTimeout;
        _receiveLoop = ReceiveLoopAsync();
        _idleLoop = IdleLoopAsync();
    }

    public TimeSpan IdleTimeout { get; }

    public int FlowCount => _flows.Count;

    /// <summary>Starts serving the bound <paramref name="listener"/>; the caller keeps owning it.</summary>
    public static UdpProxy Start(Socket listener, IPEndPoint backend, TimeSpan idleTimeout, ILogger logger) =>
        new(listener, backend, idleTimeout, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiveLoop, _idleLoop).ConfigureAwait(false);
        foreach (var flow in _flows.Values)
        {
            await flow.DisposeAsync().ConfigureAwait(false);
        }

        _flows.Clear();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        var any = new IPEndPoint(_listener.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _listener.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stop.IsCancellationRequested)
                {
                    NetworkLog.ProxyStopped(_logger, _listener.LocalEndPoint?.ToString() ?? "?", e.Message);
                }

                return;
            }

            try
            {
                var flow = _flows.GetOrAdd(received.RemoteEndPoint, client => UdpFlow.Open(_listener, client, _backend));
                await flow.SendToBackendAsync(buffer.AsMemory(0, received.ReceivedBytes), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                NetworkLog.ProxyConnectionFailed(_logger, _listener.LocalEndPoint?.ToString() ?? "?", _backend.ToString(), e.Message);
            }
        }
    }

    private async Task IdleLoopAsync()
    {
        using var timer = new PeriodicTimer(IdleTimeout / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var (client, flow) in _flows)
                {
                    if (flow.IdleFor >= IdleTimeout && _flows.TryRemove(client, out _))
                    {
                        await flow.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
