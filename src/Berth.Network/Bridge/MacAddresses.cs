using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;

namespace Berth.Network.Bridge;

/// <summary>
/// Endpoint MAC addresses. Docker 28's bridge driver uses random ones (netutils.GenerateRandomMAC);
/// older engines derived 02:42:&lt;IPv4&gt; from the address, which <see cref="FromIPv4"/> reproduces for
/// callers that want stable MACs. Clients must not rely on either.
/// </summary>
public static class MacAddresses
{
    /// <summary>A random unicast, locally administered address (first octet: bit 0 clear, bit 1 set).</summary>
    public static PhysicalAddress Random()
    {
        var bytes = new byte[6];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0xfe) | 0x02);
        return new PhysicalAddress(bytes);
    }

    /// <summary>02:42 followed by the four octets of <paramref name="address"/>: 02:42:ac:11:00:02 for 172.17.0.2.</summary>
    public static PhysicalAddress FromIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.GetAddressBytes();
        if (ip.Length != 4)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }

        return new PhysicalAddress([0x02, 0x42, ip[0], ip[1], ip[2], ip[3]]);
    }

    /// <summary>Lower-case, colon-separated, as Docker's inspect shows it.</summary>
    public static string Format(PhysicalAddress mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
