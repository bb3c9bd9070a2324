using System.Net;
using Berth.Network.Firewall;
using Berth.Network.Ports;

namespace Berth.Network.Tests.Firewall;

public sealed class FirewallScriptTests
{
    private readonly FirewallChains _chains = new(NetworkNaming.Default);

    [Fact]
    public void NetworkRulesFollowDockersGoldenFile()
    {
        var rules = _chains.Network("berth0", IPNetwork.Parse("172.17.0.0/16"), masquerade: true);

        Assert.Equal(
            [
                "nat BERTH-POSTROUTING -s 172.17.0.0/16 ! -o berth0 -m comment --comment \"berth-net:berth0\" -j MASQUERADE",
                "filter BERTH-ISOLATION-1 -i berth0 ! -o berth0 -m comment --comment \"berth-net:berth0\" -j BERTH-ISOLATION-2",
                "filter BERTH-ISOLATION-2 -o berth0 -m comment --comment \"berth-net:berth0\" -j DROP",
                "filter BERTH-FORWARD -o berth0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment \"berth-net:berth0\" -j ACCEPT",
                "filter BERTH-FORWARD -o berth0 -m comment --comment \"berth-net:berth0\" -j BERTH",
                "filter BERTH-FORWARD -i berth0 -m comment --comment \"berth-net:berth0\" -j ACCEPT",
                "filter BERTH-FORWARD -o berth0 -m comment --comment \"berth-net:berth0\" -j DROP",
            ],
            rules.Select(r => $"{r.Table} {r.Chain} {r.Text}"));
    }

    [Fact]
    public void WithoutMasqueradeThereIsNoNatRule() =>
        Assert.DoesNotContain(_chains.Network("br1", IPNetwork.Parse("10.0.0.0/24"), masquerade: false), r => r.Table == FirewallChains.Nat);

    [Fact]
    public void PortRulesDnatFromAnywhereButTheBridgeAndLeaveLoopbackAndIPv6ToTheProxy()
    {
        var rules = _chains.Ports(
            "c0ffee",
            "berth0",
            IPAddress.Parse("172.17.0.2"),
            [
                new PublishedPort(PortProtocol.Tcp, IPAddress.Any, 8080, 80),
                new PublishedPort(PortProtocol.Tcp, IPAddress.IPv6Any, 8080, 80),
                new PublishedPort(PortProtocol.Udp, IPAddress.Parse("192.0.2.10"), 5353, 53),
                new PublishedPort(PortProtocol.Tcp, IPAddress.Parse("127.0.0.2"), 7777, 80),
            ]);

        Assert.Equal(
            [
                "nat BERTH ! -i berth0 -p tcp -m tcp --dport 8080 -m comment --comment \"berth:c0ffee\" -j DNAT --to-destination 172.17.0.2:80",
                "filter BERTH -d 172.17.0.2/32 ! -i berth0 -o berth0 -p tcp -m tcp --dport 80 -m comment --comment \"berth:c0ffee\" -j ACCEPT",
                "nat BERTH -d 192.0.2.10/32 ! -i berth0 -p udp -m udp --dport 5353 -m comment --comment \"berth:c0ffee\" -j DNAT --to-destination 172.17.0.2:53",
                "filter BERTH -d 172.17.0.2/32 ! -i berth0 -o berth0 -p udp -m udp --dport 53 -m comment --comment \"berth:c0ffee\" -j ACCEPT",
            ],
            rules.Select(r => $"{r.Table} {r.Chain} {r.Text}"));
    }

    [Theory]
    [InlineData("br0; -F")]
    [InlineData("a b")]
    [InlineData("")]
    public void NamesThatCouldInjectRuleTextAreRefused(string bridge) =>
        Assert.Throws<ArgumentException>(() => _chains.Network(bridge, IPNetwork.Parse("10.0.0.0/24"), true));

    [Fact]
    public void AFirstChangeCreatesTheChainsHooksThemAndAppends()
    {
        var current = IptablesRuleset.Parse("*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n");

        var script = FirewallScript.Update(current, _chains, Change("berth-net:berth0", _chains.Network("berth0", IPNetwork.Parse("172.17.0.0/16"), true)));

        Assert.Equal(
            "*nat\n:BERTH - [0:0]\n:BERTH-POSTROUTING - [0:0]\n"
            + "-I PREROUTING -m addrtype --dst-type LOCAL -j BERTH\n"
            + "-I OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j BERTH\n"
            + "-I POSTROUTING -j BERTH-POSTROUTING\n"
            + "-A BERTH-POSTROUTING -s 172.17.0.0/16 ! -o berth0 -m comment --comment \"berth-net:berth0\" -j MASQUERADE\n"
            + "COMMIT\n"
            + "*filter\n:BERTH-FORWARD - [0:0]\n:BERTH - [0:0]\n:BERTH-ISOLATION-1 - [0:0]\n:BERTH-ISOLATION-2 - [0:0]\n"
            + "-I FORWARD -j BERTH-FORWARD\n"
            + "-I BERTH-FORWARD -j BERTH-ISOLATION-1\n"
            + "-A BERTH-ISOLATION-1 -i berth0 ! -o berth0 -m comment --comment \"berth-net:berth0\" -j BERTH-ISOLATION-2\n"
            + "-A BERTH-ISOLATION-2 -o berth0 -m comment --comment \"berth-net:berth0\" -j DROP\n"
            + "-A BERTH-FORWARD -o berth0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment \"berth-net:berth0\" -j ACCEPT\n"
            + "-A BERTH-FORWARD -o berth0 -m comment --comment \"berth-net:berth0\" -j BERTH\n"
            + "-A BERTH-FORWARD -i berth0 -m comment --comment \"berth-net:berth0\" -j ACCEPT\n"
            + "-A BERTH-FORWARD -o berth0 -m comment --comment \"berth-net:berth0\" -j DROP\n"
            + "COMMIT\n",
            script);
    }

    [Fact]
    public void RulesAlreadyInPlaceAreLeftAlone()
    {
        var current = IptablesRuleset.Parse(Saved);

        Assert.Null(FirewallScript.Update(current, _chains, Change("berth-net:berth0", _chains.Network("berth0", IPNetwork.Parse("172.17.0.0/16"), true))));
        Assert.Null(FirewallScript.Update(current, _chains, Change("berth:bbb", _chains.Ports("bbb", "berth0", IPAddress.Parse("172.17.0.3"), [new PublishedPort(PortProtocol.Tcp, IPAddress.Any, 9090, 90)]))));
        Assert.Null(FirewallScript.Update(current, _chains, Change("berth:gone", [])));
    }

    [Fact]
    public void RemovingAContainerDeletesOnlyItsRules()
    {
        var script = FirewallScript.Update(IptablesRuleset.Parse(Saved), _chains, Change("berth:aaa", []));

        Assert.Equal(
            "*nat\n-D BERTH ! -i berth0 -p tcp -m tcp --dport 8080 -m comment --comment \"berth:aaa\" -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n"
            + "*filter\n-D BERTH -d 172.17.0.2/32 ! -i berth0 -o berth0 -p tcp -m tcp --dport 80 -m comment --comment \"berth:aaa\" -j ACCEPT\nCOMMIT\n",
            script);
    }

    [Fact]
    public void ChangingAContainersPortsReplacesItsGroup()
    {
        var script = FirewallScript.Update(
            IptablesRuleset.Parse(Saved),
            _chains,
            Change("berth:aaa", _chains.Ports("aaa", "berth0", IPAddress.Parse("172.17.0.2"), [new PublishedPort(PortProtocol.Tcp, IPAddress.Any, 8081, 80)])));

        Assert.NotNull(script);
        Assert.DoesNotContain(":BERTH", script, StringComparison.Ordinal);
        Assert.DoesNotContain("-I ", script, StringComparison.Ordinal);
        Assert.Contains("-D BERTH ! -i berth0 -p tcp -m tcp --dport 8080 -m comment --comment \"berth:aaa\" -j DNAT --to-destination 172.17.0.2:80\n-A BERTH ! -i berth0 -p tcp -m tcp --dport 8081", script, StringComparison.Ordinal);
        Assert.DoesNotContain("bbb", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingEverythingDeletesTheJumpsThenTheChains()
    {
        var script = FirewallScript.RemoveAll(IptablesRuleset.Parse(Saved), _chains);

        Assert.Equal(
            "*nat\n"
            + "-D PREROUTING -m addrtype --dst-type LOCAL -j BERTH\n"
            + "-D OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j BERTH\n"
            + "-D POSTROUTING -j BERTH-POSTROUTING\n"
            + ":BERTH - [0:0]\n:BERTH-POSTROUTING - [0:0]\n-X BERTH\n-X BERTH-POSTROUTING\nCOMMIT\n"
            + "*filter\n-D FORWARD -j BERTH-FORWARD\n"
            + ":BERTH-FORWARD - [0:0]\n:BERTH - [0:0]\n:BERTH-ISOLATION-1 - [0:0]\n:BERTH-ISOLATION-2 - [0:0]\n"
            + "-X BERTH-FORWARD\n-X BERTH\n-X BERTH-ISOLATION-1\n-X BERTH-ISOLATION-2\nCOMMIT\n",
            script);
    }

    [Fact]
    public void NothingToRemoveGivesNoScript() =>
        Assert.Null(FirewallScript.RemoveAll(IptablesRuleset.Parse("*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n"), _chains));

    [Fact]
    public void SavedRulesExposeTheirCommentAndTarget()
    {
        var rule = IptablesRuleset.Parse(Saved).Rules.First(r => r.Table == "nat" && r.Chain == "BERTH");

        Assert.Equal("berth:aaa", rule.Comment);
        Assert.Equal("DNAT", rule.Target);
        Assert.Equal(["-m", "comment", "--comment", "a b\"c", "-j", "X"], IptablesTokens.Split("-m comment --comment \"a b\\\"c\" -j X"));
    }

    private static Dictionary<string, IReadOnlyList<ChainRule>> Change(string tag, IReadOnlyList<ChainRule> rules) => new() { [tag] = rules };

    /// <summary>iptables-save (nf_tables) output after one network and two containers were set up.</summary>
    private const string Saved = """
        # Generated by iptables-save v1.8.9 (nf_tables) on Sat Nov 28 08:32:50 2026
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :BERTH - [0:0]
        :BERTH-FORWARD - [0:0]
        :BERTH-ISOLATION-1 - [0:0]
        :BERTH-ISOLATION-2 - [0:0]
        -A FORWARD -j BERTH-FORWARD
        -A BERTH -d 172.17.0.2/32 ! -i berth0 -o berth0 -p tcp -m tcp --dport 80 -m comment --comment "berth:aaa" -j ACCEPT
        -A BERTH -d 172.17.0.3/32 ! -i berth0 -o berth0 -p tcp -m tcp --dport 90 -m comment --comment "berth:bbb" -j ACCEPT
        -A BERTH-FORWARD -j BERTH-ISOLATION-1
        -A BERTH-FORWARD -o berth0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "berth-net:berth0" -j ACCEPT
        -A BERTH-FORWARD -o berth0 -m comment --comment "berth-net:berth0" -j BERTH
        -A BERTH-FORWARD -i berth0 -m comment --comment "berth-net:berth0" -j ACCEPT
        -A BERTH-FORWARD -o berth0 -m comment --comment "berth-net:berth0" -j DROP
        -A BERTH-ISOLATION-1 -i berth0 ! -o berth0 -m comment --comment "berth-net:berth0" -j BERTH-ISOLATION-2
        -A BERTH-ISOLATION-2 -o berth0 -m comment --comment "berth-net:berth0" -j DROP
        COMMIT
        # Completed on Sat Nov 28 08:32:50 2026
        *nat
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        :BERTH - [0:0]
        :BERTH-POSTROUTING - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j BERTH
        -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j BERTH
        -A POSTROUTING -j BERTH-POSTROUTING
        -A BERTH ! -i berth0 -p tcp -m tcp --dport 8080 -m comment --comment "berth:aaa" -j DNAT --to-destination 172.17.0.2:80
        -A BERTH ! -i berth0 -p tcp -m tcp --dport 9090 -m comment --comment "berth:bbb" -j DNAT --to-destination 172.17.0.3:90
        -A BERTH-POSTROUTING -s 172.17.0.0/16 ! -o berth0 -m comment --comment "berth-net:berth0" -j MASQUERADE
        COMMIT
        """;
}
