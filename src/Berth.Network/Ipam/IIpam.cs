using System.Net;

namespace Berth.Network.Ipam;

/// <summary>
/// IP address management as pure decisions: the caller owns the leases (the engine keeps them in its
/// database, so they survive a restart) and passes what is in use; the IPAM only chooses. Nothing here
/// touches the host, so every rule is unit-testable.
/// </summary>
public interface IIpam
{
    /// <summary>
    /// The address for a new endpoint on <paramref name="subnet"/>: <paramref name="requested"/> (<c>--ip</c>) when
    /// given and free, otherwise the lowest free one (the gateway, the network and broadcast addresses excluded),
    /// so the first container gets .2 and a freed .2 is handed out again.
    /// </summary>
    IPAddress AllocateAddress(NetworkSubnet subnet, IReadOnlySet<IPAddress> inUse, IPAddress? requested = null);

    /// <summary>The first default pool that overlaps none of <paramref name="taken"/> (host routes, addresses, other networks).</summary>
    IPNetwork AllocateSubnet(IEnumerable<IPNetwork> taken);
}
