using System.Net;
using Berth.Core.Errors;

namespace Berth.Network.Ipam;

/// <summary>The allocation rules of moby's default IPAM (libnetwork/ipams/defaultipam), without its state.</summary>
public sealed class DefaultIpam : IIpam
{
    public DefaultIpam(IReadOnlyList<IPNetwork>? pools = null) => Pools = pools ?? AddressPools.Default;

    public IReadOnlyList<IPNetwork> Pools { get; }

    public IPAddress AllocateAddress(NetworkSubnet subnet, IReadOnlySet<IPAddress> inUse, IPAddress? requested = null)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        ArgumentNullException.ThrowIfNull(inUse);
        var (first, last) = HostRange(subnet.Subnet);
        if (requested is not null)
        {
            if (!subnet.Subnet.Contains(requested))
            {
                throw new BerthException(ErrorKind.InvalidArgument, "requested address is out of range");
            }

            var value = IPv4.ToUInt32(requested);
            return value < first || value > last || requested.Equals(subnet.Gateway) || inUse.Contains(requested)
                ? throw new BerthException(ErrorKind.Forbidden, "Address already in use")
                : requested;
        }

        for (var candidate = first; candidate <= last && candidate >= first; candidate++)
        {
            var address = IPv4.FromUInt32(candidate);
            if (!address.Equals(subnet.Gateway) && !inUse.Contains(address))
            {
                return address;
            }
        }

        throw new BerthException(ErrorKind.Unavailable, "no available addresses on this pool");
    }

    public IPNetwork AllocateSubnet(IEnumerable<IPNetwork> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var used = taken.ToList();
        foreach (var pool in Pools)
        {
            if (!used.Exists(t => IPv4.Overlaps(t, pool)))
            {
                return pool;
            }
        }

        throw new BerthException(
            ErrorKind.Forbidden,
            "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }

    /// <summary>The assignable addresses: all but the network and broadcast ones, except in /31 and /32 (RFC 3021).</summary>
    private static (uint First, uint Last) HostRange(IPNetwork subnet)
    {
        var first = IPv4.First(subnet);
        var last = IPv4.Last(subnet);
        return subnet.PrefixLength >= 31 ? (first, last) : (first + 1, last - 1);
    }
}
