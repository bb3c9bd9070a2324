using System.Net.NetworkInformation;

namespace Berth.Network.Netlink;

/// <summary>
/// A veth pair to create in one request: <see cref="Name"/> stays in the namespace of the connection,
/// <see cref="PeerName"/> is created directly inside <see cref="PeerNetnsPath"/> when one is given, so
/// the peer never appears (and never needs renaming) in the host namespace.
/// </summary>
public sealed record VethPair(string Name, string PeerName)
{
    public string? PeerNetnsPath { get; init; }

    public PhysicalAddress? PeerMac { get; init; }

    /// <summary>The bridge to attach <see cref="Name"/> to.</summary>
    public int? MasterIndex { get; init; }

    public int? Mtu { get; init; }

    /// <summary>Brings <see cref="Name"/> up (the peer is brought up from inside its namespace).</summary>
    public bool Up { get; init; }
}
