using System.Net;
using Berth.Network.Bridge;
using Berth.Network.Ports;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>Crash recovery: what a container had, whole or half-made, is found and removed by its tags.</summary>
[Collection(RootCollection.Name)]
public sealed class NetworkSweeperTests
{
    [Fact]
    public async Task TheSweepRemovesEverythingOfUnknownContainersAndKeepsTheRest()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var linksBefore = host.CountLinks();
        await using (var crashed = new PortPublisher(new HostPortAllocator(), host.Firewall))
        {
            await Connect(host, network, crashed, "ghost", 2);
            await Connect(host, network, crashed, "alive", 3);
        }

        var sweeper = new NetworkSweeper(host.Driver, host.Namespaces, host.Firewall);
        var report = await sweeper.SweepAsync(id => id == "alive", bridge => bridge == host.Bridge);

        Assert.Single(report.Veths);
        Assert.Equal([$"{host.Naming.Tag}:ghost"], report.RuleTags);
        Assert.Equal(["ghost"], report.Namespaces);
        Assert.Equal(["alive"], host.Namespaces.List());
        Assert.Equal(linksBefore + 1, host.CountLinks());
        Assert.Contains(await host.Firewall.ListRulesAsync(), r => r.Comment == $"{host.Naming.Tag}:alive");
        Assert.Contains(await host.Firewall.ListRulesAsync(), r => r.Comment == $"{host.Naming.Tag}-net:{host.Bridge}");
    }

    [Fact]
    public async Task RemovingAHalfMadeContainerRemovesWhatThereIs()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var linksBefore = host.CountLinks();
        await using var ports = new PortPublisher(new HostPortAllocator(), host.Firewall);
        var sweeper = new NetworkSweeper(host.Driver, host.Namespaces, host.Firewall, ports);
        await host.Namespaces.CreateAsync("only-netns");
        await Connect(host, network, ports, "full", 2);

        await sweeper.RemoveContainerAsync("only-netns");
        await sweeper.RemoveContainerAsync("full");
        await sweeper.RemoveContainerAsync("full");
        await sweeper.RemoveContainerAsync("never-existed");

        Assert.Empty(host.Namespaces.List());
        Assert.Equal(0, host.CountNamespaceMounts());
        Assert.Equal(linksBefore, host.CountLinks());
        Assert.Empty(ports.GetPublished("full"));
        Assert.DoesNotContain(await host.Firewall.ListRulesAsync(), r => r.Comment == $"{host.Naming.Tag}:full");
    }

    private static async Task Connect(TestHost host, BridgeNetwork network, PortPublisher ports, string id, uint hostPart)
    {
        var path = await host.Namespaces.CreateAsync(id);
        var address = IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + hostPart);
        await host.Driver.ConnectAsync(new EndpointRequest(id, path, host.Bridge, new InterfaceAddress(address, network.Subnet.Subnet.PrefixLength), network.Subnet.Gateway));
        await ports.PublishAsync(new PublishRequest(id, id, id, host.Bridge, address, [new PortMapping(PortProtocol.Tcp, 80) { HostIp = IPAddress.Any }]));
    }
}
