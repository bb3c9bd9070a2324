using System.Net;
using Berth.Network.Netlink;

namespace Berth.Network.Ipam;

/// <summary>The IPv4 networks the host already uses, read by netlink, so a new network's subnet avoids them.</summary>
public static class HostNetworks
{
    /// <summary>
    /// The destinations of the host's routes (the default route excluded) and the subnets of its addresses.
    /// Links named in <paramref name="ignoredLinks"/> (Berth's own bridges) are left out, so a restarted
    /// daemon does not see its own bridge as someone else's.
    /// </summary>
    public static IReadOnlyList<IPNetwork> Read(NetlinkConnection netlink, IReadOnlyCollection<string>? ignoredLinks = null)
    {
        ArgumentNullException.ThrowIfNull(netlink);
        var ignored = new HashSet<int>();
        if (ignoredLinks is { Count: > 0 })
        {
            foreach (var link in netlink.ListLinks())
            {
                if (ignoredLinks.Contains(link.Name))
                {
                    ignored.Add(link.Index);
                }
            }
        }

        var networks = new List<IPNetwork>();
        foreach (var route in netlink.ListRoutes())
        {
            if (route.Destination.PrefixLength > 0 && !(route.OutputLinkIndex is { } index && ignored.Contains(index)))
            {
                networks.Add(route.Destination);
            }
        }

        foreach (var address in netlink.ListAddresses())
        {
            if (address.Address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && !ignored.Contains(address.LinkIndex)
                && !IPAddress.IsLoopback(address.Address.Address))
            {
                networks.Add(address.Address.Subnet);
            }
        }

        return networks.Distinct().ToList();
    }
}
