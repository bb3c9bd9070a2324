using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Berth.Network.Ports;

namespace Berth.Network.Firewall;

/// <summary>One rule to append to a chain: the text after <c>-A CHAIN </c>.</summary>
internal sealed record ChainRule(string Table, string Chain, string Text);

/// <summary>
/// Berth's chains and the rules it writes into them, as Docker's DOCKER chains do with the userland proxy
/// enabled (moby iptabler golden files): DNAT for published ports from anything but the bridge itself
/// (loopback is served by the proxy), MASQUERADE for the bridge subnet leaving by another interface, a
/// forward policy that lets containers out, replies back and only published ports in, and Docker's
/// two-stage isolation that drops traffic between networks. Every rule names its own bridge, so the
/// order of the networks' groups of rules in a chain does not matter; only the order within a group does.
/// </summary>
internal sealed partial class FirewallChains(NetworkNaming naming)
{
    public const string Nat = "nat";
    public const string Filter = "filter";

    /// <summary>nat: the DNAT rules of published ports.</summary>
    public string NatPorts => naming.ChainPrefix;

    /// <summary>nat: MASQUERADE per network.</summary>
    public string NatPostrouting => naming.ChainPrefix + "-POSTROUTING";

    /// <summary>filter: per-network forward policy.</summary>
    public string Forward => naming.ChainPrefix + "-FORWARD";

    /// <summary>filter: ACCEPT per published port, jumped to from <see cref="Forward"/>.</summary>
    public string FilterPorts => naming.ChainPrefix;

    /// <summary>filter: traffic leaving a bridge for another interface goes to stage 2...</summary>
    public string IsolationStage1 => naming.ChainPrefix + "-ISOLATION-1";

    /// <summary>filter: ...which drops it when that interface is another bridge.</summary>
    public string IsolationStage2 => naming.ChainPrefix + "-ISOLATION-2";

    public NetworkNaming Naming => naming;

    public IReadOnlyList<(string Table, string Chain)> Owned =>
    [
        (Nat, NatPorts), (Nat, NatPostrouting),
        (Filter, Forward), (Filter, FilterPorts), (Filter, IsolationStage1), (Filter, IsolationStage2),
    ];

    /// <summary>The fixed jumps into Berth's chains, each inserted first in its chain so nothing can shadow it.</summary>
    public IReadOnlyList<ChainRule> Hooks =>
    [
        new(Nat, "PREROUTING", $"-m addrtype --dst-type LOCAL -j {NatPorts}"),
        new(Nat, "OUTPUT", $"! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j {NatPorts}"),
        new(Nat, "POSTROUTING", $"-j {NatPostrouting}"),
        new(Filter, "FORWARD", $"-j {Forward}"),
        new(Filter, Forward, $"-j {IsolationStage1}"),
    ];

    public bool IsOwned(string table, string chain) => Owned.Contains((table, chain));

    public IReadOnlyList<ChainRule> Network(string bridge, IPNetwork subnet, bool masquerade)
    {
        CheckName(bridge);
        var comment = $"-m comment --comment \"{naming.NetworkTag(bridge)}\"";
        var rules = new List<ChainRule>();
        if (masquerade)
        {
            rules.Add(new(Nat, NatPostrouting, $"-s {subnet} ! -o {bridge} {comment} -j MASQUERADE"));
        }

        rules.Add(new(Filter, IsolationStage1, $"-i {bridge} ! -o {bridge} {comment} -j {IsolationStage2}"));
        rules.Add(new(Filter, IsolationStage2, $"-o {bridge} {comment} -j DROP"));
        rules.Add(new(Filter, Forward, $"-o {bridge} -m conntrack --ctstate RELATED,ESTABLISHED {comment} -j ACCEPT"));
        rules.Add(new(Filter, Forward, $"-o {bridge} {comment} -j {FilterPorts}"));
        rules.Add(new(Filter, Forward, $"-i {bridge} {comment} -j ACCEPT"));
        rules.Add(new(Filter, Forward, $"-o {bridge} {comment} -j DROP"));
        return rules;
    }

    /// <summary>
    /// DNAT and ACCEPT for each IPv4, non-loopback binding; IPv6 and loopback bindings are the proxy's alone
    /// (loopback never reaches PREROUTING, and OUTPUT skips 127.0.0.0/8).
    /// </summary>
    public IReadOnlyList<ChainRule> Ports(string containerId, string bridge, IPAddress containerIp, IEnumerable<PublishedPort> ports)
    {
        CheckName(bridge);
        CheckName(containerId);
        var comment = $"-m comment --comment \"{naming.ContainerTag(containerId)}\"";
        var rules = new List<ChainRule>();
        foreach (var port in ports)
        {
            if (port.HostIp.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(port.HostIp))
            {
                continue;
            }

            var proto = port.Protocol == PortProtocol.Tcp ? "tcp" : "udp";
            var destination = port.HostIp.Equals(IPAddress.Any) ? "" : $"-d {port.HostIp}/32 ";
            rules.Add(new(Nat, NatPorts, string.Create(
                CultureInfo.InvariantCulture,
                $"{destination}! -i {bridge} -p {proto} -m {proto} --dport {port.HostPort} {comment} -j DNAT --to-destination {containerIp}:{port.ContainerPort}")));
            rules.Add(new(Filter, FilterPorts, string.Create(
                CultureInfo.InvariantCulture,
                $"-d {containerIp}/32 ! -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port.ContainerPort} {comment} -j ACCEPT")));
        }

        return rules;
    }

    /// <summary>Names go into rule text unquoted, so only interface-name characters are allowed.</summary>
    private static void CheckName(string name)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException($"invalid name for a firewall rule: {name}", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex SafeName();
}
