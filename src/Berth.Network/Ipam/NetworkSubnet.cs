using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;

namespace Berth.Network.Ipam;

/// <summary>A network's IPv4 subnet and its gateway (the bridge's own address), as <c>--subnet</c>/<c>--gateway</c> give them.</summary>
public sealed record NetworkSubnet
{
    public NetworkSubnet(IPNetwork subnet, IPAddress gateway)
    {
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork || !subnet.Contains(gateway))
        {
            throw new ArgumentException($"{gateway} is not an IPv4 address in {subnet}", nameof(gateway));
        }

        Subnet = subnet;
        Gateway = gateway;
    }

    public IPNetwork Subnet { get; }

    public IPAddress Gateway { get; }

    /// <summary>The gateway as the bridge carries it: 172.17.0.1/16.</summary>
    public InterfaceAddress GatewayAddress => new(Gateway, Subnet.PrefixLength);

    /// <summary>The subnet with Docker's default gateway: its first host address.</summary>
    public static NetworkSubnet WithDefaultGateway(IPNetwork subnet) =>
        new(subnet, IPv4.FromUInt32(IPv4.First(subnet) + (subnet.PrefixLength >= 31 ? 0u : 1u)));

    /// <summary>
    /// Parses and validates <c>--subnet</c> and <c>--gateway</c> the way moby's ValidateIPAM does, with its
    /// wording ("invalid network config:\ninvalid subnet 172.17.0.1/16: it should be 172.17.0.0/16").
    /// </summary>
    public static NetworkSubnet Parse(string subnet, string? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        var errors = new List<string>();
        if (!InterfaceAddress.TryParse(subnet, out var prefix))
        {
            throw Invalid([$"invalid subnet {subnet}: invalid CIDR block notation"]);
        }

        if (prefix.Address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw Errors.InvalidArgument($"invalid subnet {subnet}: only IPv4 subnets are supported");
        }

        var network = prefix.Subnet;
        if (!prefix.Address.Equals(network.BaseAddress))
        {
            errors.Add($"invalid subnet {prefix}: it should be {network}");
        }

        IPAddress? gatewayAddress = null;
        if (!string.IsNullOrEmpty(gateway))
        {
            if (!IPAddress.TryParse(gateway, out gatewayAddress))
            {
                errors.Add($"invalid gateway {gateway}: invalid address");
            }
            else if (gatewayAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                errors.Add($"invalid gateway {gateway}: parent subnet is an IPv4 block");
            }
            else if (!network.Contains(gatewayAddress))
            {
                errors.Add($"invalid gateway {gateway}: parent subnet {prefix} doesn't contain this address");
            }
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        return gatewayAddress is null ? WithDefaultGateway(network) : new NetworkSubnet(network, gatewayAddress);
    }

    /// <summary>Parses <c>--ip</c> for an endpoint on this subnet.</summary>
    public IPAddress ParseAddress(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw Errors.InvalidArgument($"invalid IPv4 address: {ip}");
        }

        return Subnet.Contains(address)
            ? address
            : throw Errors.InvalidArgument($"no configured subnet or ip-range contain the IP address {ip}");
    }

    private static BerthException Invalid(List<string> errors) =>
        Errors.InvalidArgument("invalid network config:\n" + (errors.Count == 1 ? errors[0] : "* " + string.Join("\n* ", errors)));
}
