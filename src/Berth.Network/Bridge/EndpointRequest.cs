using System.Net;
using System.Net.NetworkInformation;

namespace Berth.Network.Bridge;

/// <summary>What <see cref="INetworkDriver.ConnectAsync"/> needs to put one container on one bridge.</summary>
/// <param name="NetnsPath">The container's network namespace (see <c>NetnsDirectory</c>).</param>
/// <param name="Address">The container's address with the network's prefix length, e.g. 172.17.0.2/16.</param>
/// <param name="Gateway">The default route's gateway, or null for a second network that must not take the default route.</param>
public sealed record EndpointRequest(string ContainerId, string NetnsPath, string BridgeName, InterfaceAddress Address, IPAddress? Gateway)
{
    /// <summary>The MAC address; null gives a random locally administered one, as Docker 28 does.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>The interface name inside the container: eth0, eth1...</summary>
    public string InterfaceName { get; init; } = "eth0";

    public int? Mtu { get; init; }
}
