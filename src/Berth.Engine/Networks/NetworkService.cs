using System.Collections.Concurrent;
using System.Net;
using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Events;
using Berth.Engine.State;
using Berth.Network;
using Berth.Network.Bridge;
using Berth.Network.Firewall;
using Berth.Network.Ipam;
using Berth.Network.Namespaces;
using Berth.Network.Netlink;
using Berth.Network.Ports;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networks;

/// <summary>
/// Networks as Docker has them: the predefined bridge (172.17.0.0/16, gateway .1, containers .2, .3...),
/// host and none, and user-defined bridges with DNS. It owns the host side: bridges, veths, iptables
/// rules, published ports and each running container's network namespace and DNS server.
/// </summary>
public sealed partial class NetworkService : IAsyncDisposable
{
    private readonly NetworkStore _store;
    private readonly ContainerStore _containers;
    private readonly EventBus _events;
    private readonly ILogger _log;
    private readonly NetworkNaming _naming;
    private readonly IptablesFirewall _firewall;
    private readonly BridgeDriver _bridges;
    private readonly NetnsDirectory _namespaces;
    private readonly PortPublisher _ports;
    private readonly DefaultIpam _ipam = new();
    private readonly ConcurrentDictionary<string, ContainerNetworkState> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly string _defaultBridge;
    private readonly string? _bridgeIp;

    public NetworkService(NetworkStore store, ContainerStore containers, EventBus events, EngineOptions options, EnginePaths paths, ILogger log)
    {
        _store = store;
        _containers = containers;
        _events = events;
        _log = log;
        var tag = options.NetworkTag;
        _naming = NetworkNaming.ForTag(tag);
        _firewall = new IptablesFirewall(_naming);
        _bridges = new BridgeDriver(_naming, _firewall);
        _namespaces = new NetnsDirectory(Path.Combine(paths.RuntimeState, "netns"));
        _ports = new PortPublisher(new HostPortAllocator(), _firewall, log);
        _defaultBridge = tag + "0";
        _bridgeIp = options.BridgeIp;
    }

    public IReadOnlyCollection<NetworkRecord> All => _store.All;

    /// <summary>Finds a network by full ID, exact name, or unique ID prefix (moby's FindNetwork order).</summary>
    public NetworkRecord Find(string idOrName)
    {
        if (_store.ById(idOrName) is { } byId)
        {
            return byId;
        }

        if (_store.ByName(idOrName) is { } byName)
        {
            return byName;
        }

        var matches = _store.All.Where(n => n.Id.StartsWith(idOrName, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 && idOrName.Length > 0 ? matches[0] : throw Errors.NoSuchNetwork(idOrName);
    }

    public NetworkRecord? TryFind(string idOrName)
    {
        try
        {
            return Find(idOrName);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// At engine start: the predefined networks exist, every bridge network has its bridge and rules,
    /// and whatever a crashed daemon left (veths, rules, namespaces, leases) is cleaned away.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await _store.ReleaseAllAsync().ConfigureAwait(false);
        await EnsurePredefinedAsync().ConfigureAwait(false);
        foreach (var network in _store.All.Where(n => n.IsBridge))
        {
            await _bridges.EnsureNetworkAsync(BridgeOf(network), ct).ConfigureAwait(false);
        }

        var bridges = _store.All.Where(n => n.IsBridge).Select(n => n.BridgeName).ToHashSet(StringComparer.Ordinal);
        var sweeper = new NetworkSweeper(_bridges, _namespaces, _firewall, _ports);
        var report = await sweeper.SweepAsync(_ => false, bridges.Contains, ct).ConfigureAwait(false);
        if (report.Veths.Count + report.RuleTags.Count + report.Namespaces.Count > 0)
        {
            _log.LogInformation("removed what a previous daemon left: {Veths} veths, {Rules} rule sets, {Namespaces} namespaces",
                report.Veths.Count, report.RuleTags.Count, report.Namespaces.Count);
        }
    }

    private async Task EnsurePredefinedAsync()
    {
        if (_store.ByName("bridge") is null)
        {
            var subnet = _bridgeIp is not null ? BridgeIpSubnet(_bridgeIp) : FreeSubnet([]);
            if (subnet.Subnet.ToString() != "172.17.0.0/16")
            {
                _log.LogInformation("172.17.0.0/16 is in use on this host; the default bridge {Bridge} uses {Subnet}", _defaultBridge, subnet.Subnet);
            }

            await _store.TryAddAsync(new NetworkRecord
            {
                Id = ContainerId.New().Value,
                Name = "bridge",
                Driver = "bridge",
                Created = DateTime.UtcNow,
                BridgeName = _defaultBridge,
                Subnet = subnet.Subnet.ToString(),
                Gateway = subnet.Gateway.ToString(),
                Predefined = true,
                Options = new Dictionary<string, string>
                {
                    ["com.docker.network.bridge.default_bridge"] = "true",
                    ["com.docker.network.bridge.enable_icc"] = "true",
                    ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                    ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
                    ["com.docker.network.bridge.name"] = _defaultBridge,
                    ["com.docker.network.driver.mtu"] = "1500",
                },
            }).ConfigureAwait(false);
        }

        foreach (var (name, driver) in new[] { ("host", "host"), ("none", "null") })
        {
            if (_store.ByName(name) is null)
            {
                await _store.TryAddAsync(new NetworkRecord { Id = ContainerId.New().Value, Name = name, Driver = driver, Created = DateTime.UtcNow, Predefined = true }).ConfigureAwait(false);
            }
        }
    }

    private static NetworkSubnet BridgeIpSubnet(string bip)
    {
        var address = Berth.Network.InterfaceAddress.Parse(bip);
        return new NetworkSubnet(address.Subnet, address.Address);
    }

    /// <summary>The first default pool that no host route or address and no other network overlaps.</summary>
    private NetworkSubnet FreeSubnet(IEnumerable<IPNetwork> alsoTaken)
    {
        var ours = _store.All.Where(n => n.IsBridge).Select(n => n.BridgeName).Append(_defaultBridge).ToList();
        using var netlink = NetlinkConnection.Open();
        var taken = HostNetworks.Read(netlink, ours)
            .Concat(_store.All.Where(n => n.Subnet.Length > 0).Select(n => IPNetwork.Parse(n.Subnet)))
            .Concat(alsoTaken);
        return NetworkSubnet.WithDefaultGateway(_ipam.AllocateSubnet(taken));
    }

    private static BridgeNetwork BridgeOf(NetworkRecord network) =>
        new(network.BridgeName, NetworkSubnet.Parse(network.Subnet, network.Gateway)) { Masquerade = !network.Internal };

    public async ValueTask DisposeAsync()
    {
        await TeardownsDoneAsync().ConfigureAwait(false);
        foreach (var state in _running.Values)
        {
            await state.DisposeAsync().ConfigureAwait(false);
        }

        await _ports.DisposeAsync().ConfigureAwait(false);
        _firewall.Dispose();
        _lock.Dispose();
    }
}
