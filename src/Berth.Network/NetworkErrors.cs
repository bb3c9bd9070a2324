using System.Net;
using Berth.Core.Errors;

namespace Berth.Network;

/// <summary>The network errors users see, in moby's wording (libnetwork portallocator, bridge driver, endpoint join).</summary>
public static class NetworkErrors
{
    /// <summary>The host port is held by another container of this daemon (moby ErrPortAlreadyAllocated).</summary>
    public static BerthException PortAlreadyAllocated(IPAddress hostIp, int port) =>
        Errors.Internal($"Bind for {hostIp}:{port} failed: port is already allocated");

    /// <summary>The kernel refused the bind, e.g. another process listens there (moby bindTCPOrUDP).</summary>
    public static BerthException HostPortBindFailed(string binding, string reason) =>
        Errors.Internal($"failed to bind host port for {binding}: {reason}");

    public static BerthException AllPortsAllocated() => Errors.Internal("all ports are allocated");

    /// <summary>
    /// How a port error reaches the user when a container starts (moby endpoint.sbJoin; status 500):
    /// "driver failed programming external connectivity on endpoint web (…): Bind for 0.0.0.0:8080 failed: port is already allocated".
    /// </summary>
    public static BerthException ExternalConnectivity(string endpointName, string endpointId, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return Errors.Internal($"driver failed programming external connectivity on endpoint {endpointName} ({endpointId}): {inner.Message}", inner);
    }
}
