using System.Net;
using System.Net.NetworkInformation;
using Berth.Network.Netlink;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>The step-by-step link operations (the driver does most of them in its single create request).</summary>
[Collection(RootCollection.Name)]
public sealed class NetlinkConnectionTests
{
    [Fact]
    public async Task APairCanBeBuiltStepByStep()
    {
        await using var host = new TestHost();
        var path = await host.Namespaces.CreateAsync("c");
        var mac = PhysicalAddress.Parse("02-42-0A-0B-0C-0D");
        using var netlink = NetlinkConnection.Open();
        var bridge = netlink.CreateBridge(host.Bridge);
        netlink.CreateVeth(new VethPair("brtv" + host.Id, "brtp" + host.Id));
        var hostEnd = netlink.FindLink("brtv" + host.Id)!;
        var peer = netlink.FindLink("brtp" + host.Id)!;

        netlink.SetMaster(hostEnd.Index, bridge.Index);
        netlink.SetUp(hostEnd.Index);
        netlink.SetAlias(hostEnd.Index, "step by step");
        netlink.MoveToNamespace(peer.Index, path);
        await Berth.Network.Namespaces.NetworkNamespace.RunAsync(path, () =>
        {
            using var inside = NetlinkConnection.Open();
            var moved = inside.FindLink("brtp" + host.Id)!;
            inside.SetName(moved.Index, "eth0");
            inside.SetMac(moved.Index, mac);
            inside.AddAddress(moved.Index, InterfaceAddress.Parse("10.77.0.2/24"));
            inside.AddAddress(moved.Index, InterfaceAddress.Parse("10.77.0.2/24"));
        });

        var attached = netlink.FindLink(hostEnd.Index)!;
        Assert.Equal(bridge.Index, attached.MasterIndex);
        Assert.True(attached.IsUp);
        Assert.Equal("step by step", attached.Alias);
        Assert.Equal("veth", attached.Kind);
        Assert.Null(netlink.FindLink("brtp" + host.Id));
        using var container = await NetlinkConnection.OpenInAsync(path);
        var eth0 = container.FindLink("eth0")!;
        Assert.Equal(mac, eth0.Mac);
        Assert.Equal([InterfaceAddress.Parse("10.77.0.2/24")], container.ListAddresses(eth0.Index).Where(a => a.Address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(a => a.Address));

        netlink.SetDown(hostEnd.Index);
        Assert.False(netlink.FindLink(hostEnd.Index)!.IsUp);
        Assert.True(netlink.DeleteLink(hostEnd.Index));
        Assert.False(netlink.DeleteLink("brtv" + host.Id));
        Assert.Null(container.FindLink("eth0"));
    }

    [Fact]
    public async Task KernelErrorsCarryTheErrnoAndOperation()
    {
        await using var host = new TestHost();
        using var inside = await NetlinkConnection.OpenInAsync(await host.Namespaces.CreateAsync("c"));

        // Only lo exists in the fresh namespace, so no gateway is reachable.
        var e = Assert.Throws<NetworkException>(() => inside.AddDefaultRoute(IPAddress.Parse("10.77.0.1")));

        Assert.Equal("add default route", e.Operation);
        Assert.Equal(101, e.Errno);
        Assert.StartsWith("add default route 10.77.0.1: Network is unreachable", e.Message, StringComparison.Ordinal);
    }
}
