using System.Net;

namespace Berth.Network.Ports;

/// <summary>
/// The ports to publish for one container endpoint. <see cref="EndpointName"/> and <see cref="EndpointId"/>
/// only word the error as Docker does ("driver failed programming external connectivity on endpoint
/// &lt;name&gt; (&lt;id&gt;): …"): Docker uses the container name and the endpoint's id.
/// </summary>
public sealed record PublishRequest(
    string ContainerId,
    string EndpointName,
    string EndpointId,
    string BridgeName,
    IPAddress ContainerIp,
    IReadOnlyList<PortMapping> Ports);
