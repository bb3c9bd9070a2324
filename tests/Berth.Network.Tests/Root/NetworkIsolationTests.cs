using System.Net;
using System.Net.Sockets;
using Berth.Network.Bridge;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>As with Docker, containers on different bridge networks cannot open connections to each other.</summary>
[Collection(RootCollection.Name)]
public sealed class NetworkIsolationTests
{
    [Fact]
    public async Task TrafficBetweenNetworksIsDropped()
    {
        await using var host = new TestHost();
        var first = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        var second = new BridgeNetwork(host.Bridge + "b", TestHost.FreeSubnet(first.Subnet.Subnet));
        await host.Driver.EnsureNetworkAsync(first);
        await host.Driver.EnsureNetworkAsync(second);
        var a = await Connect(host, first, "a");
        await Connect(host, second, "b");
        using var listener = await TestHost.ListenInAsync(host.Namespaces.PathOf("a"), 80);
        await using var service = new TcpTestServer(listener);
        using var fromB = await TestHost.SocketInAsync(host.Namespaces.PathOf("b"), SocketType.Stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await fromB.ConnectAsync(new IPEndPoint(a, 80), timeout.Token));

        Assert.Equal($"got:host from {first.Subnet.Gateway}", await TcpTestServer.ExchangeAsync(new IPEndPoint(a, 80), "host"));
        await host.Driver.RemoveNetworkAsync(second.BridgeName);
    }

    private static async Task<IPAddress> Connect(TestHost host, BridgeNetwork network, string id)
    {
        var path = await host.Namespaces.CreateAsync(id);
        var address = IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + 2);
        await host.Driver.ConnectAsync(new EndpointRequest(id, path, network.BridgeName, new InterfaceAddress(address, network.Subnet.Subnet.PrefixLength), network.Subnet.Gateway));
        return address;
    }
}
