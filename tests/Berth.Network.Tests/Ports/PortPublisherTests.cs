using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Network.Ports;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Ports;

/// <summary>Publishing through the userland proxy alone (no firewall), with a loopback service standing in for the container.</summary>
public sealed class PortPublisherTests : IAsyncLifetime
{
    private readonly HostPortAllocator _allocator = new();
    private readonly TcpTestServer _service = TcpTestServer.OnLoopback();
    private PortPublisher _publisher = null!;

    public ValueTask InitializeAsync()
    {
        _publisher = new PortPublisher(_allocator, firewall: null, udpIdleTimeout: TimeSpan.FromMilliseconds(300));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _service.DisposeAsync();
    }

    private PublishRequest Request(string container, params PortMapping[] ports) =>
        new(container, container, "ep-" + container, "unused0", IPAddress.Loopback, ports);

    private PortMapping Tcp(int hostPort = 0, IPAddress? hostIp = null) =>
        new(PortProtocol.Tcp, _service.EndPoint.Port) { HostIp = hostIp ?? IPAddress.Loopback, HostPort = hostPort };

    [Fact]
    public async Task AnEphemeralPortComesFromTheKernelsRangeAndRelaysWithHalfClose()
    {
        var published = Assert.Single(await _publisher.PublishAsync(Request("a", Tcp())));

        Assert.InRange(published.HostPort, _allocator.EphemeralFirst, _allocator.EphemeralLast);
        Assert.Equal(IPAddress.Loopback, published.HostIp);
        Assert.Equal($"127.0.0.1:{published.HostPort}->{_service.EndPoint.Port}/tcp", published.ToString());
        Assert.Equal("got:hello from 127.0.0.1", await TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.Loopback, published.HostPort), "hello"));
        Assert.Equal([published], _publisher.GetPublished("a"));
    }

    [Fact]
    public async Task ManyConnectionsAtOnceAreRelayed()
    {
        var port = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.Loopback, port), $"n{i}")));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"got:n{i} from 127.0.0.1"), answers);
    }

    [Fact]
    public async Task AnUnspecifiedHostIpBindsBothFamiliesOnOnePort()
    {
        var published = await _publisher.PublishAsync(Request("a", new PortMapping(PortProtocol.Tcp, _service.EndPoint.Port)));

        Assert.Equal(IPAddress.Any, published[0].HostIp);
        if (published.Count == 2)
        {
            Assert.Equal(IPAddress.IPv6Any, published[1].HostIp);
            Assert.Equal(published[0].HostPort, published[1].HostPort);
            Assert.StartsWith("got:six from", await TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.IPv6Loopback, published[1].HostPort), "six"), StringComparison.Ordinal);
        }

        Assert.StartsWith("got:four from", await TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.Loopback, published[0].HostPort), "four"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortAnotherContainerHoldsIsAlreadyAllocatedInDockersWords()
    {
        var port = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;

        var e = await Assert.ThrowsAsync<BerthException>(() => _publisher.PublishAsync(Request("b", Tcp(port))));

        Assert.Equal(ErrorKind.Internal, e.Kind);
        Assert.Equal($"driver failed programming external connectivity on endpoint b (ep-b): Bind for 127.0.0.1:{port} failed: port is already allocated", e.Message);
    }

    [Fact]
    public async Task APortAnotherProcessHoldsIsRefusedByTheKernel()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var port = ((IPEndPoint)squatter.LocalEndPoint!).Port;

        var e = await Assert.ThrowsAsync<BerthException>(() => _publisher.PublishAsync(Request("a", Tcp(port))));

        Assert.Equal(
            $"driver failed programming external connectivity on endpoint a (ep-a): failed to bind host port for 127.0.0.1:{port}:127.0.0.1:{_service.EndPoint.Port}/tcp: address already in use",
            e.Message);
    }

    [Fact]
    public async Task AFailedPublicationLeavesNoPortBehind()
    {
        var taken = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;
        var free = (await _publisher.PublishAsync(Request("probe", Tcp())))[0].HostPort;
        await _publisher.UnpublishAsync("probe");

        await Assert.ThrowsAsync<BerthException>(() => _publisher.PublishAsync(Request("b", Tcp(free), Tcp(taken))));

        Assert.False(_allocator.IsAllocated(PortProtocol.Tcp, IPAddress.Loopback, free));
        Assert.Empty(_publisher.GetPublished("b"));
        Assert.Single(await _publisher.PublishAsync(Request("c", Tcp(free))));
    }

    [Fact]
    public async Task UnpublishingStopsTheProxyAndFreesThePort()
    {
        var port = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;

        await _publisher.UnpublishAsync("a");
        await _publisher.UnpublishAsync("a");

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Single(await _publisher.PublishAsync(Request("b", Tcp(port))));
    }

    [Fact]
    public async Task PublishingAgainReplacesTheContainersPorts()
    {
        var first = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;

        var second = (await _publisher.PublishAsync(Request("a", Tcp(first))))[0].HostPort;

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task AConnectionToAStoppedServiceIsClosed()
    {
        using var dead = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        dead.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var deadPort = ((IPEndPoint)dead.LocalEndPoint!).Port;
        var port = (await _publisher.PublishAsync(Request("a", new PortMapping(PortProtocol.Tcp, deadPort) { HostIp = IPAddress.Loopback })))[0].HostPort;

        // Closed, cleanly or (with the request unread) by a reset, but never left hanging.
        try
        {
            Assert.Equal("", await TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.Loopback, port), "anyone?"));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
    }

    [Fact]
    public async Task UdpIsRelayedPerClientAndBackAgain()
    {
        await using var echo = new UdpEchoServer();
        var port = (await _publisher.PublishAsync(Request("a", new PortMapping(PortProtocol.Udp, echo.EndPoint.Port) { HostIp = IPAddress.Loopback })))[0].HostPort;
        using var one = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var two = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var server = new IPEndPoint(IPAddress.Loopback, port);

        Assert.Equal("one"u8.ToArray(), await UdpEchoServer.AskAsync(one, server, "one"u8.ToArray()));
        Assert.Equal("two"u8.ToArray(), await UdpEchoServer.AskAsync(two, server, "two"u8.ToArray()));
        Assert.Equal("one again"u8.ToArray(), await UdpEchoServer.AskAsync(one, server, "one again"u8.ToArray()));
    }

    [Fact]
    public async Task UdpAndTcpPortsAreSeparate()
    {
        await using var echo = new UdpEchoServer();
        var port = (await _publisher.PublishAsync(Request("a", Tcp())))[0].HostPort;

        var udp = await _publisher.PublishAsync(Request("b", new PortMapping(PortProtocol.Udp, echo.EndPoint.Port) { HostIp = IPAddress.Loopback, HostPort = port }));

        Assert.Equal(port, udp[0].HostPort);
    }

    [Fact]
    public async Task AHostPortRangeTakesItsFirstFreePort()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var first = ((IPEndPoint)squatter.LocalEndPoint!).Port;

        var published = await _publisher.PublishAsync(Request("a", Tcp(first) with { HostPortEnd = first + 20 }));

        Assert.InRange(published[0].HostPort, first + 1, first + 20);
    }
}
