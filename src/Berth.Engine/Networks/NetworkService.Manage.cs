using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Containers;
using Berth.Network.Ipam;

namespace Berth.Engine.Networks;

/// <summary>What `network create` asks for.</summary>
public sealed record NetworkCreateSpec(string Name, string? Driver, string? Subnet, string? Gateway, bool Internal, bool Attachable, bool EnableIPv6,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Options);

public sealed partial class NetworkService
{
    /// <summary>`docker network create`: a bridge with the next free subnet, or the one given.</summary>
    public async Task<NetworkRecord> CreateAsync(NetworkCreateSpec spec, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(spec.Name))
        {
            throw Errors.InvalidArgument("invalid name: name cannot be empty");
        }

        if (spec.Driver is { Length: > 0 } driver && driver != "bridge")
        {
            throw Errors.NotFound($"could not find plugin {driver} in v1 plugin registry: plugin not found");
        }

        if (spec.Name is "bridge" or "host" or "none")
        {
            throw Errors.Forbidden($"{spec.Name} is a pre-defined network and cannot be created");
        }

        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_store.ByName(spec.Name) is not null)
            {
                throw Errors.Conflict($"network with name {spec.Name} already exists");
            }

            var subnet = spec.Subnet is { Length: > 0 } ? NetworkSubnet.Parse(spec.Subnet, spec.Gateway) : FreeSubnet([]);
            var overlap = _store.All.FirstOrDefault(n => n.Subnet.Length > 0 && Overlaps(System.Net.IPNetwork.Parse(n.Subnet), subnet.Subnet));
            if (overlap is not null)
            {
                throw Errors.Forbidden($"invalid pool request: Pool overlaps with other one on this address space");
            }

            var id = ContainerId.New().Value;
            var network = new NetworkRecord
            {
                Id = id,
                Name = spec.Name,
                Driver = "bridge",
                Created = DateTime.UtcNow,
                BridgeName = spec.Options.TryGetValue("com.docker.network.bridge.name", out var bridge) ? bridge : "br-" + id[..12],
                Subnet = subnet.Subnet.ToString(),
                Gateway = subnet.Gateway.ToString(),
                Internal = spec.Internal,
                Attachable = spec.Attachable,
                EnableIPv6 = spec.EnableIPv6,
                UserSubnet = spec.Subnet is { Length: > 0 },
                Labels = spec.Labels,
                Options = spec.Options,
            };
            await _bridges.EnsureNetworkAsync(BridgeOf(network), ct).ConfigureAwait(false);
            if (!await _store.TryAddAsync(network).ConfigureAwait(false))
            {
                await _bridges.RemoveNetworkAsync(network.BridgeName, ct).ConfigureAwait(false);
                throw Errors.Conflict($"network with name {spec.Name} already exists");
            }

            _events.Publish(new Events.EngineEvent("network", "create", id, new Dictionary<string, string> { ["name"] = spec.Name, ["type"] = "bridge" }, DateTime.UtcNow));
            return network;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static bool Overlaps(System.Net.IPNetwork a, System.Net.IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    /// <summary>Containers (any state) with an endpoint configured on the network.</summary>
    public IReadOnlyList<ContainerRecord> ContainersOn(string networkId) =>
        _containers.All.Where(c => c.Networks.Values.Any(a => a.NetworkId == networkId)).ToList();

    /// <summary>`docker network rm`: not the predefined ones, not while containers are attached.</summary>
    public async Task RemoveAsync(string idOrName, CancellationToken ct)
    {
        var network = Find(idOrName);
        if (network.Predefined)
        {
            throw Errors.Forbidden($"{network.Name} is a pre-defined network and cannot be removed");
        }

        await TeardownsDoneAsync().ConfigureAwait(false);
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (ContainersOn(network.Id).Any(c => c.State.Status.IsRunning()))
            {
                throw Errors.Forbidden($"error while removing network: network {network.Name} id {network.Id} has active endpoints");
            }

            await _bridges.RemoveNetworkAsync(network.BridgeName, ct).ConfigureAwait(false);
            await _store.RemoveAsync(network.Id).ConfigureAwait(false);
            _events.Publish(new Events.EngineEvent("network", "destroy", network.Id, new Dictionary<string, string> { ["name"] = network.Name, ["type"] = "bridge" }, DateTime.UtcNow));
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>`docker network prune`: user networks no container uses.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync(FilterArgs filters, CancellationToken ct)
    {
        filters.Validate(new HashSet<string> { "label", "label!", "until" });
        var removed = new List<string>();
        foreach (var network in _store.All.Where(n => !n.Predefined && filters.MatchesLabels("label", n.Labels)))
        {
            if (ContainersOn(network.Id).Count > 0)
            {
                continue;
            }

            await RemoveAsync(network.Id, ct).ConfigureAwait(false);
            removed.Add(network.Name);
        }

        return removed;
    }

    private static readonly HashSet<string> ListFilters = ["name", "id", "label", "driver", "type", "scope", "dangling"];

    public IReadOnlyList<NetworkRecord> List(FilterArgs filters)
    {
        filters.Validate(ListFilters);
        return _store.All
            .Where(n => !filters.Contains("name") || filters.Get("name").Any(p => n.Name.Contains(p, StringComparison.Ordinal)))
            .Where(n => !filters.Contains("id") || filters.Get("id").Any(p => n.Id.StartsWith(p, StringComparison.Ordinal)))
            .Where(n => filters.MatchesExact("driver", n.Driver))
            .Where(n => filters.MatchesLabels("label", n.Labels))
            .Where(n => !filters.Contains("type") || filters.Get("type").Contains(n.Predefined ? "builtin" : "custom"))
            .Where(n => filters.GetBool("dangling") is not { } d || (ContainersOn(n.Id).Count == 0) == d)
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The endpoints a new container gets: its network mode's network, with the aliases/IP asked for.</summary>
    public IReadOnlyDictionary<string, NetworkAttachment> PlanAttachments(string networkMode, IReadOnlyDictionary<string, EndpointRequestSettings> requested)
    {
        if (networkMode is "host" or "none" || networkMode.StartsWith("container:", StringComparison.Ordinal))
        {
            return new Dictionary<string, NetworkAttachment>();
        }

        var network = TryFind(networkMode) ?? throw Errors.InvalidArgument($"network {networkMode} not found");
        if (!network.IsBridge)
        {
            throw Errors.InvalidArgument($"container cannot be connected to network {network.Name} of driver {network.Driver}");
        }

        requested.TryGetValue(networkMode, out var settings);
        if (settings is null && requested.TryGetValue(network.Name, out var byName))
        {
            settings = byName;
        }

        if (network.Predefined && settings is { Aliases.Count: > 0 })
        {
            throw Errors.InvalidArgument("network-scoped alias is supported only for containers in user defined networks");
        }

        if (!network.UserSubnet && settings?.IPv4Address is { Length: > 0 })
        {
            throw Errors.InvalidArgument("user specified IP address is supported only when connecting to networks with user configured subnets");
        }

        return new Dictionary<string, NetworkAttachment>
        {
            [network.Name] = new NetworkAttachment
            {
                NetworkId = network.Id,
                Aliases = settings?.Aliases ?? [],
                RequestedIPv4 = settings?.IPv4Address,
                RequestedMac = settings?.MacAddress,
            },
        };
    }
}
