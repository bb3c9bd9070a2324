using System.Net;

namespace Berth.Network.Netlink;

/// <summary>One route of the main table as RTM_GETROUTE reports it.</summary>
public sealed record RouteInfo(IPNetwork Destination, IPAddress? Gateway, int? OutputLinkIndex);
