using System.Net;
using Berth.Network.Firewall;
using Berth.Network.Ports;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>The same rules through iptables-nft and iptables-legacy, each in a namespace of its own so the host's tables are untouched.</summary>
[Collection(RootCollection.Name)]
public sealed class IptablesBackendTests
{
    [Theory]
    [InlineData(IptablesBackend.Nft, "nf_tables")]
    [InlineData(IptablesBackend.Legacy, "legacy")]
    public async Task RulesAreProgrammedIdempotentlySweptAndRemoved(IptablesBackend backend, string version)
    {
        await using var host = new TestHost();
        var path = await host.Namespaces.CreateAsync("tables");
        using var firewall = new IptablesFirewall(host.Naming, backend, path);
        var tag = host.Naming.Tag;

        await firewall.EnsureNetworkAsync("brt0", IPNetwork.Parse("172.30.0.0/16"));
        await firewall.EnsureNetworkAsync("brt0", IPNetwork.Parse("172.30.0.0/16"));
        await firewall.SetContainerPortsAsync("c1", "brt0", IPAddress.Parse("172.30.0.2"), [new PublishedPort(PortProtocol.Tcp, IPAddress.Any, 8080, 80)]);
        await firewall.SetContainerPortsAsync("c2", "brt0", IPAddress.Parse("172.30.0.3"), [new PublishedPort(PortProtocol.Udp, IPAddress.Any, 5353, 53)]);
        await firewall.SetContainerPortsAsync("c2", "brt0", IPAddress.Parse("172.30.0.3"), [new PublishedPort(PortProtocol.Udp, IPAddress.Any, 5353, 53)]);
        var rules = await firewall.ListRulesAsync();

        Assert.Contains(version, await firewall.DescribeAsync(), StringComparison.Ordinal);
        Assert.Equal(4, rules.Count(r => r.Target?.StartsWith(host.Naming.ChainPrefix, StringComparison.Ordinal) == true && !r.Chain.StartsWith(host.Naming.ChainPrefix, StringComparison.Ordinal)));
        Assert.Equal(7, rules.Count(r => r.Comment == $"{tag}-net:brt0"));
        Assert.Equal(2, rules.Count(r => r.Comment == $"{tag}:c1"));
        Assert.Equal(2, rules.Count(r => r.Comment == $"{tag}:c2"));

        Assert.Equal([$"{tag}:c1"], await firewall.SweepAsync(id => id == "c2"));
        await firewall.RemoveContainerAsync("c2");
        await firewall.RemoveContainerAsync("c2");
        Assert.Equal(7, (await firewall.ListRulesAsync()).Count(r => r.Comment is not null));

        await firewall.RemoveAllAsync();
        await firewall.RemoveAllAsync();
        Assert.Empty(await firewall.ListRulesAsync());
    }
}
