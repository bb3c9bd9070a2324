using System.Diagnostics;
using System.Net;
using Berth.Network.Bridge;
using Berth.Network.Ports;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>
/// What networking adds to a container start and stop: namespace, veth, address, route, and their
/// removal, measured over rounds after a warm-up. Stop is measured both ways: unplug and delete the
/// namespace (the kernel deletes the pair in the background), and a synchronous veth delete. The numbers
/// go to the test output; they are not asserted, since a loaded CI machine multiplies them.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class ConnectTimingTests(ITestOutputHelper output)
{
    private const int WarmUp = 3;
    private const int Rounds = 40;

    [Fact]
    public async Task StartAndStopTakeAFewMilliseconds()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var address = new InterfaceAddress(IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + 2), network.Subnet.Subnet.PrefixLength);
        var netns = new List<double>();
        var connect = new List<double>();
        var unplug = new List<double>();
        var delete = new List<double>();

        for (var i = 0; i < WarmUp + Rounds; i++)
        {
            var id = $"t{i}";
            var clock = Stopwatch.StartNew();
            var path = await host.Namespaces.CreateAsync(id);
            var created = clock.Elapsed;
            var endpoint = await host.Driver.ConnectAsync(new EndpointRequest(id, path, host.Bridge, address, network.Subnet.Gateway));
            var connected = clock.Elapsed;
            if (i % 2 == 0)
            {
                host.Driver.Unplug(endpoint);
            }
            else
            {
                host.Driver.Disconnect(endpoint);
            }

            host.Namespaces.Delete(id);
            var stopped = clock.Elapsed;
            if (i >= WarmUp)
            {
                netns.Add(created.TotalMilliseconds);
                connect.Add((connected - created).TotalMilliseconds);
                (i % 2 == 0 ? unplug : delete).Add((stopped - connected).TotalMilliseconds);
            }
        }

        output.WriteLine($"median / p90 over {Rounds} rounds, ms: netns create {Stat(netns)}; connect (veth, address, arp_notify, up, route) {Stat(connect)}; "
            + $"stop by unplug + netns delete {Stat(unplug)}; stop by veth delete + netns delete {Stat(delete)}");
        await Eventually.TrueAsync(() => host.Driver.ListEndpointLinks().Count == 0, "the kernel has deleted every unplugged pair");
        Assert.Equal(0, host.CountNamespaceMounts());
    }

    [Fact]
    public async Task PublishingAPortCostsOneIptablesSaveAndRestore()
    {
        await using var host = new TestHost();
        var network = new BridgeNetwork(host.Bridge, TestHost.FreeSubnet());
        await host.Driver.EnsureNetworkAsync(network);
        var container = IPv4.FromUInt32(IPv4.First(network.Subnet.Subnet) + 2);
        await using var publisher = new PortPublisher(new HostPortAllocator(), host.Firewall);
        var publish = new List<double>();
        var unpublish = new List<double>();

        for (var i = 0; i < WarmUp + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            await publisher.PublishAsync(new PublishRequest("p", "p", "p", host.Bridge, container, [new PortMapping(PortProtocol.Tcp, 80) { HostIp = IPAddress.Any }]));
            var published = clock.Elapsed;
            await publisher.UnpublishAsync("p");
            if (i >= WarmUp)
            {
                publish.Add(published.TotalMilliseconds);
                unpublish.Add((clock.Elapsed - published).TotalMilliseconds);
            }
        }

        output.WriteLine($"median / p90 over 10 rounds, ms: publish one port (bind, DNAT+ACCEPT rules, proxy) {Stat(publish)}; unpublish {Stat(unpublish)}");
        Assert.DoesNotContain(await host.Firewall.ListRulesAsync(), r => r.Comment == $"{host.Naming.Tag}:p");
    }

    private static string Stat(List<double> values) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Median(values):F2} / {Percentile(values, 0.9):F2}");

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
