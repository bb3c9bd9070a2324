using System.Net;
using System.Net.Sockets;
using Berth.Network.Namespaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Network.Dns;

/// <summary>
/// The DNS server a container on a user-defined network finds at 127.0.0.11:53 (Docker's embedded DNS):
/// its sockets are created on a thread inside the container's network namespace and stay bound there,
/// then served by async loops here, one UDP and one TCP per container and no thread. Lifecycle: start it
/// after the namespace exists and before the container runs; dispose it when the container stops (its
/// sockets keep the namespace alive until then).
/// </summary>
public sealed class EmbeddedDnsServer : IAsyncDisposable
{
    private const int MaxUdpQuery = 4096;
    /// <summary>UDP queries being answered plus open TCP connections; beyond it, new ones are dropped.</summary>
    private const int MaxConcurrentQueries = 256;
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly DnsResponder _responder;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight = new(MaxConcurrentQueries, MaxConcurrentQueries);
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    private EmbeddedDnsServer(Socket udp, Socket tcp, DnsResponder responder, ILogger logger)
    {
        _udp = udp;
        _tcp = tcp;
        _responder = responder;
        _logger = logger;
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
        _udpLoop = ServeUdpAsync();
        _tcpLoop = ServeTcpAsync();
    }

    /// <summary>127.0.0.11:53, where Docker's embedded DNS listens.</summary>
    public static IPEndPoint DefaultEndPoint { get; } = new(IPAddress.Parse("127.0.0.11"), 53);

    /// <summary>Where the server listens, UDP and TCP.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Starts a server inside the network namespace at <paramref name="netnsPath"/>.</summary>
    public static async Task<EmbeddedDnsServer> StartAsync(
        string netnsPath, IDnsRecordSource records, DnsForwarder forwarder, ILogger? logger = null, IPEndPoint? endPoint = null)
    {
        var listen = endPoint ?? DefaultEndPoint;
        var (udp, tcp) = await NetworkNamespace.RunAsync(netnsPath, () => Bind(listen)).ConfigureAwait(false);
        return new EmbeddedDnsServer(udp, tcp, new DnsResponder(records, forwarder), logger ?? NullLogger.Instance);
    }

    /// <summary>Starts a server in the calling thread's namespace (tests, and hosts without namespaces).</summary>
    internal static EmbeddedDnsServer StartHere(IPEndPoint endPoint, IDnsRecordSource records, DnsForwarder forwarder)
    {
        var (udp, tcp) = Bind(endPoint);
        return new EmbeddedDnsServer(udp, tcp, new DnsResponder(records, forwarder), NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        _tcp.Dispose();
        await Task.WhenAll(_udpLoop, _tcpLoop).ConfigureAwait(false);
        for (var i = 0; i < MaxConcurrentQueries; i++)
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _inFlight.Dispose();
    }

    /// <summary>Binds UDP, then TCP on the same port; with port 0, tries other ports until both are free.</summary>
    private static (Socket Udp, Socket Tcp) Bind(IPEndPoint endPoint)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Bind(endPoint);
                tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                tcp.Bind(new IPEndPoint(endPoint.Address, ((IPEndPoint)udp.LocalEndPoint!).Port));
                tcp.Listen(64);
                return (udp, tcp);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && endPoint.Port == 0 && attempt < 20)
            {
                udp.Dispose();
                tcp.Dispose();
            }
            catch
            {
                udp.Dispose();
                tcp.Dispose();
                throw;
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[MaxUdpQuery];
        var any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
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
                StoppedUnlessDisposing(e);
                return;
            }

            if (!_inFlight.Wait(0))
            {
                continue;
            }

            _ = AnswerUdpAsync(buffer[..received.ReceivedBytes], received.RemoteEndPoint);
        }
    }

    private async Task AnswerUdpAsync(byte[] query, EndPoint client)
    {
        try
        {
            if (await _responder.RespondAsync(query, tcp: false, _stop.Token).ConfigureAwait(false) is { } reply)
            {
                await _udp.SendToAsync(reply, SocketFlags.None, client, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            NetworkLog.DnsQueryFailed(_logger, EndPoint.ToString(), e.Message);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                StoppedUnlessDisposing(e);
                return;
            }

            if (!_inFlight.Wait(0))
            {
                connection.Dispose();
                continue;
            }

            _ = AnswerTcpAsync(connection);
        }
    }

    private async Task AnswerTcpAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    idle.CancelAfter(TcpIdleTimeout);
                    if (await DnsTcp.ReadAsync(connection, idle.Token).ConfigureAwait(false) is not { } query)
                    {
                        return;
                    }

                    if (await _responder.RespondAsync(query, tcp: true, _stop.Token).ConfigureAwait(false) is not { } reply)
                    {
                        return;
                    }

                    await DnsTcp.WriteAsync(connection, reply, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                NetworkLog.DnsQueryFailed(_logger, EndPoint.ToString(), e.Message);
            }
            finally
            {
                _inFlight.Release();
            }
        }
    }

    private void StoppedUnlessDisposing(Exception e)
    {
        if (!_stop.IsCancellationRequested)
        {
            NetworkLog.DnsStopped(_logger, EndPoint.ToString(), e.Message);
        }
    }
}
