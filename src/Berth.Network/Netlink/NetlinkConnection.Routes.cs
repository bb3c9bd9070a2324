using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Network.Netlink;

/// <summary>Routes of the main table.</summary>
public sealed partial class NetlinkConnection
{
    /// <summary>Adds (or replaces) the IPv4 default route via <paramref name="gateway"/>.</summary>
    public void AddDefaultRoute(IPAddress gateway, int? outputLinkIndex = null)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE);
        request.Write(new RtMsg
        {
            Family = Rtnl.AF_INET,
            Table = Rtnl.RT_TABLE_MAIN,
            Protocol = Rtnl.RTPROT_BOOT,
            Scope = Rtnl.RT_SCOPE_UNIVERSE,
            Type = Rtnl.RTN_UNICAST,
        });
        request.Attribute(Rtnl.RTA_GATEWAY, gateway);
        if (outputLinkIndex is { } index)
        {
            request.Attribute(Rtnl.RTA_OIF, (uint)index);
        }

        _socket.Execute(request, "add default route", gateway.ToString());
    }

    /// <summary>The IPv4 unicast routes of the main table, the default route included.</summary>
    public IReadOnlyList<RouteInfo> ListRoutes()
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_DUMP);
        request.Write(new RtMsg { Family = Rtnl.AF_INET });
        var routes = new List<RouteInfo>();
        _socket.Query(request, "RTM_GETROUTE", null, (type, payload) =>
        {
            if (type != Rtnl.RTM_NEWROUTE || payload.Length < Unsafe.SizeOf<RtMsg>())
            {
                return;
            }

            var message = MemoryMarshal.Read<RtMsg>(payload);
            uint table = message.Table;
            IPAddress destination = IPAddress.Any;
            IPAddress? gateway = null;
            int? output = null;
            var attributes = new NetlinkAttributes(payload[Unsafe.SizeOf<RtMsg>()..]);
            while (attributes.TryRead(out var attribute, out var value))
            {
                switch (attribute)
                {
                    case Rtnl.RTA_DST:
                        destination = NetlinkAttributes.ReadAddress(value);
                        break;
                    case Rtnl.RTA_GATEWAY:
                        gateway = NetlinkAttributes.ReadAddress(value);
                        break;
                    case Rtnl.RTA_OIF:
                        output = (int)NetlinkAttributes.ReadUInt32(value);
                        break;
                    case Rtnl.RTA_TABLE:
                        table = NetlinkAttributes.ReadUInt32(value);
                        break;
                }
            }

            if (table == Rtnl.RT_TABLE_MAIN && message.Type == Rtnl.RTN_UNICAST && message.Family == Rtnl.AF_INET)
            {
                routes.Add(new RouteInfo(new IPNetwork(destination, message.DestinationLength), gateway, output));
            }
        });
        return routes;
    }
}
