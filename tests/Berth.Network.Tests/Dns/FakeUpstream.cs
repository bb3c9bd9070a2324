using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

/// <summary>
/// A tiny upstream resolver on 127.0.0.1 (UDP and TCP, one port): answers A for "example.test" with a
/// TEST-NET-3 address (data only, nothing is ever sent there), NXDOMAIN for everything else, and stays
/// silent when <see cref="Silent"/> is set. Counts the queries it saw.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public static readonly IPAddress ExampleAddress = IPAddress.Parse("203.0.113.7");
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _queries;

    public FakeUpstream()
    {
        // One port for both, as a real server has; another test may hold the TCP side of a free UDP port.
        while (true)
        {
            _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            try
            {
                _tcp.Bind(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_udp.LocalEndPoint!).Port));
                break;
            }
            catch (SocketException)
            {
                _udp.Dispose();
                _tcp.Dispose();
            }
        }

        _tcp.Listen();
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _udpLoop = ServeUdpAsync();
        _tcpLoop = ServeTcpAsync();
    }

    public IPEndPoint EndPoint { get; }

    public bool Silent { get; set; }

    public int Queries => Volatile.Read(ref _queries);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Dispose();
        await Task.WhenAll(_udpLoop.ContinueWith(_ => { }), _tcpLoop.ContinueWith(_ => { }));
        _stop.Dispose();
    }

    private byte[]? Answer(byte[] query)
    {
        Interlocked.Increment(ref _queries);
        if (Silent)
        {
            return null;
        }

        var request = DnsMessage.Parse(query);
        var question = request.Questions[0];
        if (question.Name == "example.test")
        {
            var response = request.CreateResponse(DnsResponseCode.NoError);
            if (question.Type == DnsRecordType.A)
            {
                response.Answers.Add(DnsRecord.Address(question.Name, ExampleAddress, 30));
            }

            return response.Serialize();
        }

        return request.CreateResponse(DnsResponseCode.NameError).Serialize();
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            if (Answer(buffer[..received.ReceivedBytes]) is { } reply)
            {
                await _udp.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var connection = await _tcp.AcceptAsync(_stop.Token);
            while (await DnsTcp.ReadAsync(connection, _stop.Token) is { } query)
            {
                if (Answer(query) is { } reply)
                {
                    await DnsTcp.WriteAsync(connection, reply, _stop.Token);
                }
            }
        }
    }
}
