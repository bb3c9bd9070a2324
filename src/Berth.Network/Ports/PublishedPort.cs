using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Ports;

/// <summary>One bound host address and port forwarded to a container port; an unspecified host IP gives one per family.</summary>
public sealed record PublishedPort(PortProtocol Protocol, IPAddress HostIp, int HostPort, int ContainerPort)
{
    /// <summary>As <c>docker ps</c> shows it: <c>0.0.0.0:8080-&gt;80/tcp</c>, <c>[::]:8080-&gt;80/tcp</c>.</summary>
    public override string ToString()
    {
        var host = HostIp.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{HostIp}]" : HostIp.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{HostPort}->{ContainerPort}/{Protocol.ToString().ToLowerInvariant()}");
    }
}
