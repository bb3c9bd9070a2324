using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Network.Bridge;
using Berth.Network.Ipam;
using Berth.Network.Ports;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>
/// Published ports end to end: a service in container "a" on the bridge, reached through the host port
/// from the host's loopback (proxy), from container "b" on the bridge (proxy, hairpin), and from a client
/// namespace outside the bridge (kernel DNAT, which keeps the client's address).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class PortPublishingTests
{
    [Fact]
    public async Task APublishedPortIsReachableFromEverywhereAndUnpublishingRemovesEveryRule()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        var outsideLink = TestHost.FreeSubnet(network.Subnet.Subnet);
        var rulesBefore = host.CountRules();
        await host.Driver.EnsureNetworkAsync(network);
        var a = await Connect(host, network, "a", 2);
        await Connect(host, network, "b", 3);
        using var listener = await TestHost.ListenInAsync(host.Namespaces.PathOf("a"), 80);
        await using var service = new TcpTestServer(listener);
        var outsidePath = await host.Namespaces.CreateAsync("outside");
        var outside = await host.AddOutsideClientAsync(outsidePath, NetworkSubnet.WithDefaultGateway(new IPNetwork(outsideLink.Subnet.BaseAddress, 30)));
        await using var publisher = new PortPublisher(new HostPortAllocator(), host.Firewall);

        var published = await publisher.PublishAsync(new PublishRequest("a", "a", "ep-a", host.Bridge, a, [new PortMapping(PortProtocol.Tcp, 80)]));
        var port = published[0].HostPort;
        using var fromB = await TestHost.SocketInAsync(host.Namespaces.PathOf("b"), SocketType.Stream);
        using var fromOutside = await TestHost.SocketInAsync(outsidePath, SocketType.Stream);

        Assert.Equal(IPAddress.Any, published[0].HostIp);
        Assert.Equal($"got:lo from {network.Subnet.Gateway}", await TcpTestServer.ExchangeAsync(new IPEndPoint(IPAddress.Loopback, port), "lo"));
        Assert.Equal($"got:b from {network.Subnet.Gateway}", await TcpTestServer.ExchangeAsync(fromB, new IPEndPoint(network.Subnet.Gateway, port), "b"));
        Assert.Equal($"got:out from {outside.Address}", await TcpTestServer.ExchangeAsync(fromOutside, new IPEndPoint(IPv4.FromUInt32(IPv4.First(outside.Subnet) + 1), port), "out"));
        Assert.Equal(2, (await host.Firewall.ListRulesAsync()).Count(r => r.Comment == $"{host.Naming.Tag}:a"));

        await publisher.UnpublishAsync("a");
        await host.Firewall.RemoveNetworkAsync(host.Bridge);
        Assert.DoesNotContain(await host.Firewall.ListRulesAsync(), r => r.Comment is not null);
        await host.Firewall.RemoveAllAsync();
        Assert.Equal(rulesBefore, host.CountRules());
    }

    [Fact]
    public async Task ASecondContainerOnTheSamePortGetsDockersError()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var a = await Connect(host, network, "a", 2);
        var b = await Connect(host, network, "b", 3);
        await using var publisher = new PortPublisher(new HostPortAllocator(), host.Firewall);
        var port = (await publisher.PublishAsync(new PublishRequest("a", "web1", "ep1", host.Bridge, a, [new PortMapping(PortProtocol.Tcp, 80) { HostIp = IPAddress.Any }])))[0].HostPort;

        var e = await Assert.ThrowsAsync<BerthException>(() =>
            publisher.PublishAsync(new PublishRequest("b", "web2", "ep2", host.Bridge, b, [new PortMapping(PortProtocol.Tcp, 80) { HostIp = IPAddress.Any, HostPort = port }])));

        Assert.Equal(ErrorKind.Internal, e.Kind);
        Assert.Equal($"driver failed programming external connectivity on endpoint web2 (ep2): Bind for 0.0.0.0:{port} failed: port is already allocated", e.Message);
        Assert.DoesNotContain(await host.Firewall.ListRulesAsync(), r => r.Comment == $"{host.Naming.Tag}:b");
    }

    private static async Task<IPAddress> Connect(TestHost host, BridgeNetwork network, string id, uint hostPart)
    {
        var path = await host.Namespaces.CreateAsync(id);
        var address = IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + hostPart);
        await host.Driver.ConnectAsync(new EndpointRequest(id, path, host.Bridge, new InterfaceAddress(address, network.Subnet.Subnet.PrefixLength), network.Subnet.Gateway));
        return address;
    }
}
