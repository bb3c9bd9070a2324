using System.Net;
using Berth.Core.Errors;

namespace Berth.Network.Files;

/// <summary>One /etc/hosts line: an address and the names for it, written "address&lt;TAB&gt;names".</summary>
public sealed record HostsEntry(IPAddress Address, string Names)
{
    /// <summary>moby's gateway placeholder in <c>--add-host name:host-gateway</c>.</summary>
    public const string HostGateway = "host-gateway";

    /// <summary>
    /// Parses an <c>--add-host</c> value as the API carries it, <c>name:ip</c> (split at the first colon, so
    /// <c>name:::1</c> and <c>name:[::1]</c> are IPv6); <c>host-gateway</c> becomes <paramref name="hostGateway"/>.
    /// </summary>
    public static HostsEntry ParseExtraHost(string value, IPAddress? hostGateway = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Errors.InvalidArgument($"bad format for add-host: \"{value}\"");
        }

        var name = value[..colon];
        var ip = value[(colon + 1)..].Trim('[', ']');
        if (ip == HostGateway)
        {
            return new HostsEntry(hostGateway ?? throw Errors.InvalidArgument("unable to derive the IP value for host-gateway"), name);
        }

        return IPAddress.TryParse(ip, out var address)
            ? new HostsEntry(address, name)
            : throw Errors.InvalidArgument($"invalid IP address in add-host: \"{ip}\"");
    }

    public override string ToString() => $"{Address}\t{Names}";
}
