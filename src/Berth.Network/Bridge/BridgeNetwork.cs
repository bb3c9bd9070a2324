using Berth.Network.Ipam;

namespace Berth.Network.Bridge;

/// <summary>A bridge network: the Linux bridge's name (<c>berth0</c>, <c>br-&lt;id12&gt;</c>) and its subnet and gateway.</summary>
public sealed record BridgeNetwork(string BridgeName, NetworkSubnet Subnet)
{
    public int? Mtu { get; init; }

    /// <summary>NAT the subnet's traffic leaving by other interfaces (Docker's <c>enable_ip_masquerade</c>).</summary>
    public bool Masquerade { get; init; } = true;
}
