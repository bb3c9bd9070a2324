using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Berth.Network.Namespaces;

namespace Berth.Network.Netlink;

/// <summary>
/// A NETLINK_ROUTE client bound to one network namespace: the daemon's (<see cref="Open"/>) or a
/// container's (<see cref="OpenInAsync"/>); the socket stays in that namespace whatever thread uses it.
/// Every call is one request and one reply (microseconds); no call spawns a process. Not thread-safe:
/// use one connection per operation or per thread.
/// </summary>
public sealed class NetlinkConnection : IDisposable
{
    private readonly NetlinkSocket _socket;

    private NetlinkConnection(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens a connection in the calling thread's network namespace (the daemon's).</summary>
    public static NetlinkConnection Open() => new(NetlinkSocket.Open());

    /// <summary>Opens a connection inside the network namespace bind-mounted at <paramref name="netnsPath"/>.</summary>
    public static Task<NetlinkConnection> OpenInAsync(string netnsPath) => NetworkNamespace.RunAsync(netnsPath, Open);

    public LinkInfo? FindLink(string name)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_GETLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, name);
        return QuerySingleLink(request, name);
    }

    public LinkInfo? FindLink(int index)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_GETLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = index });
        return QuerySingleLink(request, $"#{index}");
    }

    public IReadOnlyList<LinkInfo> ListLinks()
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_GETLINK, Rtnl.NLM_F_DUMP);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        var links = new List<LinkInfo>();
        _socket.Query(request, "RTM_GETLINK", null, (type, payload) =>
        {
            if (type == Rtnl.RTM_NEWLINK)
            {
                links.Add(ParseLink(payload));
            }
        });
        return links;
    }

    /// <summary>Creates a Linux bridge (down, no address); fails with EEXIST when the name is taken.</summary>
    public LinkInfo CreateBridge(string name, int? mtu = null)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, name);
        if (mtu is { } value)
        {
            request.Attribute(Rtnl.IFLA_MTU, (uint)value);
        }

        var info = request.BeginNested(Rtnl.IFLA_LINKINFO);
        request.Attribute(Rtnl.IFLA_INFO_KIND, "bridge");
        request.EndNested(info);
        _socket.Execute(request, "create bridge", name);
        return FindLink(name) ?? throw new NetworkException(Errno.ENODEV, "create bridge", name, "vanished after creation");
    }

    /// <summary>Creates a veth pair in one request; fails with EEXIST when either name is taken.</summary>
    public void CreateVeth(VethPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        using var peerNamespace = pair.PeerNetnsPath is null ? null : FdHandle.Open(pair.PeerNetnsPath);
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL);
        request.Write(pair.Up
            ? new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Flags = Rtnl.IFF_UP, Change = Rtnl.IFF_UP }
            : new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, pair.Name);
        if (pair.Mtu is { } mtu)
        {
            request.Attribute(Rtnl.IFLA_MTU, (uint)mtu);
        }

        if (pair.MasterIndex is { } master)
        {
            request.Attribute(Rtnl.IFLA_MASTER, (uint)master);
        }

        var info = request.BeginNested(Rtnl.IFLA_LINKINFO);
        request.Attribute(Rtnl.IFLA_INFO_KIND, "veth");
        var data = request.BeginNested(Rtnl.IFLA_INFO_DATA);
        var peer = request.BeginNested(Rtnl.VETH_INFO_PEER);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, pair.PeerName);
        if (pair.Mtu is { } peerMtu)
        {
            request.Attribute(Rtnl.IFLA_MTU, (uint)peerMtu);
        }

        if (pair.PeerMac is { } mac)
        {
            request.Attribute(Rtnl.IFLA_ADDRESS, mac.GetAddressBytes());
        }

        if (peerNamespace is not null)
        {
            request.Attribute(Rtnl.IFLA_NET_NS_FD, (uint)peerNamespace.DangerousGetHandle());
        }

        request.EndNested(peer);
        request.EndNested(data);
        request.EndNested(info);
        _socket.Execute(request, "create veth", pair.Name);
        GC.KeepAlive(peerNamespace);
    }

    public void SetUp(int index) => SetLink(index, "set link up", r => { }, up: true);

    public void SetMaster(int index, int masterIndex) =>
        SetLink(index, "set master", r => r.Attribute(Rtnl.IFLA_MASTER, (uint)masterIndex));

    public void SetName(int index, string name) =>
        SetLink(index, "rename link", r => r.Attribute(Rtnl.IFLA_IFNAME, name));

    public void SetMac(int index, PhysicalAddress mac) =>
        SetLink(index, "set mac", r => r.Attribute(Rtnl.IFLA_ADDRESS, mac.GetAddressBytes()));

    public void SetAlias(int index, string alias) =>
        SetLink(index, "set alias", r => r.Attribute(Rtnl.IFLA_IFALIAS, alias));

    /// <summary>Sets the alias of the link named <paramref name="name"/>, saving the lookup of its index.</summary>
    public void SetAlias(string name, string alias)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, name);
        request.Attribute(Rtnl.IFLA_IFALIAS, alias);
        _socket.Execute(request, "set alias", name);
    }

    /// <summary>Moves a link into the network namespace bind-mounted at <paramref name="netnsPath"/>.</summary>
    public void MoveToNamespace(int index, string netnsPath)
    {
        using var target = FdHandle.Open(netnsPath);
        SetLink(index, "move link", r => r.Attribute(Rtnl.IFLA_NET_NS_FD, (uint)target.DangerousGetHandle()));
    }

    /// <summary>Deletes a link (a veth's peer goes with it). Returns false when there was no such link.</summary>
    public bool DeleteLink(string name)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_DELLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        request.Attribute(Rtnl.IFLA_IFNAME, name);
        return ExecuteUnlessGone(request, "delete link", name);
    }

    public bool DeleteLink(int index)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_DELLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = index });
        return ExecuteUnlessGone(request, "delete link", $"#{index}");
    }

    /// <summary>Adds (or re-adds, idempotently) an address; IPv4 addresses get their broadcast address.</summary>
    public void AddAddress(int index, InterfaceAddress address)
    {
        var v4 = address.Address.AddressFamily == AddressFamily.InterNetwork;
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE);
        request.Write(new IfAddrMsg
        {
            Family = v4 ? Rtnl.AF_INET : Rtnl.AF_INET6,
            PrefixLength = (byte)address.PrefixLength,
            Scope = Rtnl.RT_SCOPE_UNIVERSE,
            Index = index,
        });
        request.Attribute(Rtnl.IFA_LOCAL, address.Address);
        request.Attribute(Rtnl.IFA_ADDRESS, address.Address);
        if (v4 && address.PrefixLength < 31)
        {
            var broadcast = IPv4.ToUInt32(address.Address) | ~IPv4.Mask(address.PrefixLength);
            request.Attribute(Rtnl.IFA_BROADCAST, IPv4.FromUInt32(broadcast));
        }

        _socket.Execute(request, "add address", address.ToString());
    }

    /// <summary>Every IPv4 and IPv6 address, of one link or of all.</summary>
    public IReadOnlyList<AddressInfo> ListAddresses(int? linkIndex = null)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_GETADDR, Rtnl.NLM_F_DUMP);
        request.Write(new IfAddrMsg { Family = Rtnl.AF_UNSPEC });
        var addresses = new List<AddressInfo>();
        _socket.Query(request, "RTM_GETADDR", null, (type, payload) =>
        {
            if (type != Rtnl.RTM_NEWADDR || payload.Length < Unsafe.SizeOf<IfAddrMsg>())
            {
                return;
            }

            var message = MemoryMarshal.Read<IfAddrMsg>(payload);
            if (linkIndex is { } wanted && message.Index != wanted)
            {
                return;
            }

            IPAddress? local = null, peer = null;
            var attributes = new NetlinkAttributes(payload[Unsafe.SizeOf<IfAddrMsg>()..]);
            while (attributes.TryRead(out var attribute, out var value))
            {
                if (attribute == Rtnl.IFA_LOCAL)
                {
                    local = NetlinkAttributes.ReadAddress(value);
                }
                else if (attribute == Rtnl.IFA_ADDRESS)
                {
                    peer = NetlinkAttributes.ReadAddress(value);
                }
            }

            if ((local ?? peer) is { } address)
            {
                addresses.Add(new AddressInfo(message.Index, new InterfaceAddress(address, message.PrefixLength)));
            }
        });
        return addresses;
    }

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

    public void Dispose() => _socket.Dispose();

    private void SetLink(int index, string operation, Action<NetlinkMessageWriter> attributes, bool up = false)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0);
        request.Write(up
            ? new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = index, Flags = Rtnl.IFF_UP, Change = Rtnl.IFF_UP }
            : new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = index });
        attributes(request);
        _socket.Execute(request, operation, $"#{index}");
    }

    private bool ExecuteUnlessGone(NetlinkMessageWriter request, string operation, string subject)
    {
        try
        {
            _socket.Execute(request, operation, subject);
            return true;
        }
        catch (NetworkException e) when (e.Errno == Errno.ENODEV)
        {
            return false;
        }
    }

    private LinkInfo? QuerySingleLink(NetlinkMessageWriter request, string subject)
    {
        LinkInfo? link = null;
        try
        {
            _socket.Query(request, "RTM_GETLINK", subject, (type, payload) =>
            {
                if (type == Rtnl.RTM_NEWLINK)
                {
                    link = ParseLink(payload);
                }
            });
        }
        catch (NetworkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }

        return link;
    }

    private static LinkInfo ParseLink(ReadOnlySpan<byte> payload)
    {
        var message = MemoryMarshal.Read<IfInfoMsg>(payload);
        string name = "";
        string? kind = null, alias = null;
        int? master = null;
        PhysicalAddress? mac = null;
        var mtu = 0;
        var attributes = new NetlinkAttributes(payload[Unsafe.SizeOf<IfInfoMsg>()..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.IFLA_IFNAME:
                    name = NetlinkAttributes.ReadString(value);
                    break;
                case Rtnl.IFLA_IFALIAS:
                    alias = NetlinkAttributes.ReadString(value);
                    break;
                case Rtnl.IFLA_MASTER:
                    master = (int)NetlinkAttributes.ReadUInt32(value);
                    break;
                case Rtnl.IFLA_MTU:
                    mtu = (int)NetlinkAttributes.ReadUInt32(value);
                    break;
                case Rtnl.IFLA_ADDRESS:
                    mac = new PhysicalAddress(value.ToArray());
                    break;
                case Rtnl.IFLA_LINKINFO:
                    kind = ReadKind(value);
                    break;
            }
        }

        return new LinkInfo(message.Index, name, kind, master, alias, (message.Flags & Rtnl.IFF_UP) != 0, mac, mtu);
    }

    private static string? ReadKind(ReadOnlySpan<byte> linkInfo)
    {
        var attributes = new NetlinkAttributes(linkInfo);
        while (attributes.TryRead(out var type, out var value))
        {
            if (type == Rtnl.IFLA_INFO_KIND)
            {
                return NetlinkAttributes.ReadString(value);
            }
        }

        return null;
    }
}
