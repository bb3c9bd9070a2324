using System.Net;

namespace Berth.Network.Ports;

/// <summary>One <c>-p</c> request: <c>[HostIp:][HostPort[-HostPortEnd]:]ContainerPort[/Protocol]</c>.</summary>
public sealed record PortMapping(PortProtocol Protocol, int ContainerPort)
{
    /// <summary>The host address; null binds every IPv4 address and, when the host can, every IPv6 one (Docker's default).</summary>
    public IPAddress? HostIp { get; init; }

    /// <summary>The host port; 0 picks a free one in the ephemeral range.</summary>
    public int HostPort { get; init; }

    /// <summary>The end of a host port range (<c>8000-8010:80</c>): the first free port in it is taken.</summary>
    public int HostPortEnd { get; init; }
}
