using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Berth.Network.Dns;

/// <summary>IPv4 reverse-lookup names: 2.0.17.172.in-addr.arpa is 172.17.0.2.</summary>
internal static class ReverseNames
{
    private const string Suffix = ".in-addr.arpa";

    public static bool TryParse(string name, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var trimmed = name.TrimEnd('.');
        if (!trimmed.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var octets = trimmed[..^Suffix.Length].Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(octets[3 - i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
