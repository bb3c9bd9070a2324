using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Dns;

/// <summary>
/// Sends queries the network does not own to upstream servers, in order, over the transport the client
/// used, and returns the first answer as it came. Queries leave from the daemon's network namespace, so
/// the host's loopback resolvers (systemd-resolved's 127.0.0.53) work, as Docker's "host(...)" servers do.
/// Thread-safe and shared by every embedded server.
/// </summary>
public sealed class DnsForwarder
{
    private const int MaxMessage = 65535;

    public DnsForwarder(IEnumerable<IPEndPoint> upstreams, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        Upstreams = [.. upstreams];
        Timeout = timeout ?? TimeSpan.FromSeconds(4);
    }

    public IReadOnlyList<IPEndPoint> Upstreams { get; }

    /// <summary>How long one upstream gets to answer before the next is tried (moby: 4 s).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Forwards to port 53 of each of <paramref name="nameservers"/>.</summary>
    public static DnsForwarder ForNameservers(IEnumerable<IPAddress> nameservers, TimeSpan? timeout = null) =>
        new(nameservers.Select(n => new IPEndPoint(n, 53)), timeout);

    /// <summary>The first upstream reply to <paramref name="query"/>, or null when none answered.</summary>
    internal async Task<byte[]?> ForwardAsync(ReadOnlyMemory<byte> query, bool tcp, CancellationToken ct)
    {
        foreach (var upstream in Upstreams)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Timeout);
            try
            {
                return tcp
                    ? await ExchangeTcpAsync(upstream, query, deadline.Token).ConfigureAwait(false)
                    : await ExchangeUdpAsync(upstream, query, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            catch (SocketException)
            {
            }
            catch (FormatException)
            {
            }
        }

        return null;
    }

    private static async Task<byte[]> ExchangeUdpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken ct)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(upstream, ct).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessage);
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                // Nothing else is sent to this fresh socket, but a spoofed datagram could be.
                if (read >= 2 && buffer.AsSpan(0, 2).SequenceEqual(query.Span[..2]))
                {
                    return buffer[..read];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<byte[]> ExchangeTcpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken ct)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(upstream, ct).ConfigureAwait(false);
        await DnsTcp.WriteAsync(socket, query, ct).ConfigureAwait(false);
        return await DnsTcp.ReadAsync(socket, ct).ConfigureAwait(false)
            ?? throw new FormatException("upstream closed the connection without answering");
    }
}
