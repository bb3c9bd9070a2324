using System.Net;

namespace Berth.Network.Ipam;

/// <summary>
/// Docker's default local address pools (moby libnetwork/ipamutils, localScopeDefaultNetworks):
/// 172.17.0.0/16 … 172.31.0.0/16, then 192.168.0.0/16 split into /20s.
/// </summary>
public static class AddressPools
{
    public static IReadOnlyList<IPNetwork> Default { get; } = Build();

    private static List<IPNetwork> Build()
    {
        var pools = new List<IPNetwork>();
        for (var second = 17; second <= 31; second++)
        {
            pools.Add(new IPNetwork(new IPAddress([172, (byte)second, 0, 0]), 16));
        }

        for (var third = 0; third < 256; third += 16)
        {
            pools.Add(new IPNetwork(new IPAddress([192, 168, (byte)third, 0]), 20));
        }

        return pools;
    }
}
