using Berth.Network.Bridge;
using Berth.Network.Dns;

namespace Berth.Engine.Networks;

/// <summary>What a running container holds on the host side of its network: namespace, endpoints, DNS server.</summary>
internal sealed class ContainerNetworkState(string containerId, string? netnsPath) : IAsyncDisposable
{
    public string ContainerId { get; } = containerId;

    public string? NetnsPath { get; } = netnsPath;

    public List<(string NetworkId, BridgeEndpoint Endpoint)> Endpoints { get; } = [];

    public EmbeddedDnsServer? Dns { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Dns is not null)
        {
            await Dns.DisposeAsync().ConfigureAwait(false);
            Dns = null;
        }
    }
}
