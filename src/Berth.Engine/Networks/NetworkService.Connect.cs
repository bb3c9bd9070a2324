using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// `docker network connect`: a created container just gets the endpoint configured (compose does this
    /// before start); a running one is plugged in at once, as eth1, eth2...
    /// </summary>
    public async Task ConnectAsync(string networkIdOrName, string containerIdOrName, EndpointRequestSettings settings, CancellationToken ct)
    {
        var network = Find(networkIdOrName);
        var container = _containers.Find(containerIdOrName);
        if (container.Host.NetworkMode is "host" or "none")
        {
            throw Errors.Forbidden($"container sharing network namespace with another container or host cannot be connected to any other network");
        }

        var planned = PlanAttachments(network.Name, new Dictionary<string, EndpointRequestSettings> { [network.Name] = settings })[network.Name];
        if (container.Networks.TryGetValue(network.Name, out var existing) && container.State.Status.IsRunning() && existing.IPAddress.Length > 0)
        {
            throw Errors.Forbidden($"endpoint with name {container.Name} already exists in network {network.Name}");
        }

        var attachment = planned;
        await TeardownsDoneAsync().ConfigureAwait(false);
        if (container.State.Status.IsRunning() && _running.TryGetValue(container.Id, out var state) && state.NetnsPath is { } netns)
        {
            var endpoint = await ConnectEndpointAsync(container, network, planned, netns, state.Endpoints.Count, ct).ConfigureAwait(false);
            state.Endpoints.Add((network.Id, endpoint));
            attachment = Attached(planned, endpoint);
        }

        await _containers.MutateAsync(container.Id, c => c with
        {
            Networks = new Dictionary<string, NetworkAttachment>(c.Networks) { [network.Name] = attachment },
        }).ConfigureAwait(false);
        _events.Publish(new Events.EngineEvent("network", "connect", network.Id, new Dictionary<string, string> { ["container"] = container.Id, ["name"] = network.Name, ["type"] = "bridge" }, DateTime.UtcNow));
    }

    /// <summary>`docker network disconnect`.</summary>
    public async Task DisconnectAsync(string networkIdOrName, string containerIdOrName, bool force)
    {
        var network = Find(networkIdOrName);
        ContainerRecord container;
        try
        {
            container = _containers.Find(containerIdOrName);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && force)
        {
            return;
        }

        if (!container.Networks.ContainsKey(network.Name))
        {
            throw Errors.Forbidden($"container {container.Id} is not connected to network {network.Name}");
        }

        if (_running.TryGetValue(container.Id, out var state))
        {
            foreach (var (networkId, endpoint) in state.Endpoints.Where(e => e.NetworkId == network.Id).ToList())
            {
                _bridges.Disconnect(endpoint);
                state.Endpoints.Remove((networkId, endpoint));
            }

            await _store.ReleaseAsync(container.Id, network.Id).ConfigureAwait(false);
        }

        await _containers.MutateAsync(container.Id, c =>
        {
            var networks = new Dictionary<string, NetworkAttachment>(c.Networks);
            networks.Remove(network.Name);
            return c with { Networks = networks };
        }).ConfigureAwait(false);
        _events.Publish(new Events.EngineEvent("network", "disconnect", network.Id, new Dictionary<string, string> { ["container"] = container.Id, ["name"] = network.Name, ["type"] = "bridge" }, DateTime.UtcNow));
    }
}
