using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network;

/// <summary>An address as configured on an interface, with its prefix length: 172.17.0.2/16 (host bits set, unlike a subnet).</summary>
public readonly record struct InterfaceAddress(IPAddress Address, int PrefixLength)
{
    /// <summary>The subnet the address lies in: 172.17.0.0/16 for 172.17.0.2/16.</summary>
    public IPNetwork Subnet => new(IPv4.Masked(Address, PrefixLength), PrefixLength);

    public static InterfaceAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"invalid CIDR address: {text}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out InterfaceAddress address)
    {
        address = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > (ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        address = new InterfaceAddress(ip, prefix);
        return true;
    }

    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
