using System.Net;
using Berth.Core.Errors;
using Berth.Network.Bridge;
using Berth.Network.Ipam;
using Berth.Network.Namespaces;
using Berth.Network.Netlink;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

[Collection(RootCollection.Name)]
public sealed class BridgeDriverTests
{
    [Fact]
    public async Task EnsureBridgeCreatesOnceAndVerifiesAfter()
    {
        await using var host = new TestHost();
        var subnet = TestHost.FreeSubnet();

        var created = host.Driver.EnsureBridge(host.Bridge, subnet.GatewayAddress);
        var verified = host.Driver.EnsureBridge(host.Bridge, subnet.GatewayAddress);

        Assert.Equal(created.Index, verified.Index);
        Assert.Equal("bridge", verified.Kind);
        Assert.True(verified.IsUp);
        using var netlink = NetlinkConnection.Open();
        Assert.Equal([subnet.GatewayAddress], netlink.ListAddresses(created.Index).Where(a => a.Address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(a => a.Address));
    }

    [Fact]
    public async Task ANameTakenByAnotherKindOfInterfaceIsAConflict()
    {
        await using var host = new TestHost();
        using (var netlink = NetlinkConnection.Open())
        {
            netlink.CreateVeth(new VethPair(host.Bridge, host.Bridge + "p"));
        }

        var e = Assert.Throws<BerthException>(() => host.Driver.EnsureBridge(host.Bridge, TestHost.FreeSubnet().GatewayAddress));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
    }

    [Fact]
    public async Task ContainersOnTheBridgeReachEachOtherAndTheHostReachesThem()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var ipam = new DefaultIpam();
        var a = await Connect(host, network, ipam, "a", []);
        var b = await Connect(host, network, ipam, "b", [a.Address.Address]);
        using var listener = await TestHost.ListenInAsync(host.Namespaces.PathOf("a"), 80);
        await using var service = new TcpTestServer(listener);
        using var fromB = await TestHost.SocketInAsync(host.Namespaces.PathOf("b"), System.Net.Sockets.SocketType.Stream);

        var answerToB = await TcpTestServer.ExchangeAsync(fromB, new IPEndPoint(a.Address.Address, 80), "hi");
        var answerToHost = await TcpTestServer.ExchangeAsync(new IPEndPoint(a.Address.Address, 80), "hello");

        Assert.Equal(IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + 2), a.Address.Address);
        Assert.Equal($"got:hi from {b.Address.Address}", answerToB);
        Assert.Equal($"got:hello from {network.Subnet.Gateway}", answerToHost);
    }

    [Fact]
    public async Task InsideTheNamespaceTheEndpointIsEth0WithItsMacAddressAndDefaultRoute()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var path = await host.Namespaces.CreateAsync("c");
        var address = new InterfaceAddress(new DefaultIpam().AllocateAddress(network.Subnet, new HashSet<IPAddress>()), network.Subnet.Subnet.PrefixLength);
        var mac = MacAddresses.FromIPv4(address.Address);

        var endpoint = await host.Driver.ConnectAsync(new EndpointRequest("c", path, host.Bridge, address, network.Subnet.Gateway) { Mac = mac });

        using var inside = await NetlinkConnection.OpenInAsync(path);
        var eth0 = inside.FindLink("eth0")!;
        Assert.True(eth0.IsUp);
        Assert.Equal(mac, eth0.Mac);
        Assert.Contains(inside.ListAddresses(eth0.Index), a => a.Address == address);
        Assert.Contains(inside.ListRoutes(), r => r.Destination.PrefixLength == 0 && network.Subnet.Gateway.Equals(r.Gateway));
        Assert.Equal("1", await NetworkNamespace.RunAsync(path, () => File.ReadAllText("/proc/sys/net/ipv4/conf/eth0/arp_notify").Trim()));
        using var netlink = NetlinkConnection.Open();
        var hostEnd = netlink.FindLink(endpoint.HostVeth)!;
        Assert.Matches("^brtv[0-9a-f]{7}$", endpoint.HostVeth);
        Assert.Equal(netlink.FindLink(host.Bridge)!.Index, hostEnd.MasterIndex);
        Assert.Equal($"{host.Naming.Tag}:c", hostEnd.Alias);
    }

    [Fact]
    public async Task DisconnectingIsIdempotentAndLeavesNothing()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var before = host.CountLinks();
        var a = await Connect(host, network, new DefaultIpam(), "a", []);

        host.Driver.Disconnect(a);
        host.Driver.Disconnect(a);

        Assert.Equal(before, host.CountLinks());
        Assert.Empty(host.Driver.ListEndpointLinks());
    }

    [Fact]
    public async Task UnpluggingCutsTrafficAtOnceAndTheKernelDeletesThePairWithTheNamespace()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var a = await Connect(host, network, new DefaultIpam(), "a", []);

        host.Driver.Unplug(a);
        host.Driver.Unplug(a);

        Assert.False(Assert.Single(host.Driver.ListEndpointLinks()).IsUp);
        host.Namespaces.Delete("a");
        await Eventually.TrueAsync(() => host.Driver.ListEndpointLinks().Count == 0, "the kernel has deleted the pair");
    }

    [Fact]
    public async Task AContainersEndpointsAndUnknownContainersEndpointsAreFoundByTheirAlias()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var ipam = new DefaultIpam();
        var a = await Connect(host, network, ipam, "a", []);
        var b = await Connect(host, network, ipam, "b", [a.Address.Address]);
        var c = await Connect(host, network, ipam, "c", [a.Address.Address, b.Address.Address]);

        Assert.Equal(1, host.Driver.DisconnectContainer("a"));
        Assert.Equal(0, host.Driver.DisconnectContainer("a"));
        Assert.Equal([c.HostVeth], host.Driver.SweepEndpoints(id => id == "b"));
        Assert.Equal([b.HostVeth], host.Driver.ListEndpointLinks().Select(l => l.Name));
    }

    [Fact]
    public async Task TheBridgeSubnetCountsAsTakenUnlessItIsOurs()
    {
        await using var host = new TestHost();
        var subnet = TestHost.FreeSubnet();
        host.Driver.EnsureBridge(host.Bridge, subnet.GatewayAddress);
        using var netlink = NetlinkConnection.Open();

        Assert.Contains(subnet.Subnet, HostNetworks.Read(netlink));
        Assert.DoesNotContain(subnet.Subnet, HostNetworks.Read(netlink, [host.Bridge]));
        Assert.NotEqual(subnet.Subnet, TestHost.FreeSubnet().Subnet);
    }

    private static async Task<BridgeEndpoint> Connect(TestHost host, BridgeNetwork network, DefaultIpam ipam, string id, IPAddress[] used)
    {
        var path = await host.Namespaces.CreateAsync(id);
        var address = ipam.AllocateAddress(network.Subnet, used.ToHashSet());
        return await host.Driver.ConnectAsync(new EndpointRequest(id, path, host.Bridge, new InterfaceAddress(address, network.Subnet.Subnet.PrefixLength), network.Subnet.Gateway));
    }
}
