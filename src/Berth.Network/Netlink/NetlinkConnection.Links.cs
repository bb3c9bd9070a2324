using System.Net.NetworkInformation;

namespace Berth.Network.Netlink;

/// <summary>Links: lookup, creation of bridges and veth pairs, settings, deletion.</summary>
public sealed partial class NetlinkConnection
{
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
                links.Add(LinkInfo.Parse(payload));
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
    }

    public void SetUp(int index) => SetLink(index, "set link up", flags: Rtnl.IFF_UP, change: Rtnl.IFF_UP);

    public void SetDown(int index) => SetLink(index, "set link down", flags: 0, change: Rtnl.IFF_UP);

    /// <summary>
    /// Sets the link's net.ipv4.conf.&lt;dev&gt;.arp_notify, so bringing it up announces its address by
    /// gratuitous ARP. A separate request from the one that brings the link up: the kernel applies
    /// per-family settings after flags.
    /// </summary>
    public void EnableArpNotify(int index) =>
        SetLink(index, "set arp_notify", r =>
        {
            var spec = r.BeginNested(Rtnl.IFLA_AF_SPEC);
            var inet = r.BeginNested(Rtnl.AF_INET);
            var conf = r.BeginNested(Rtnl.IFLA_INET_CONF);
            r.Attribute(Rtnl.IPV4_DEVCONF_ARP_NOTIFY, 1u);
            r.EndNested(conf);
            r.EndNested(inet);
            r.EndNested(spec);
        });

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

    private void SetLink(int index, string operation, Action<NetlinkMessageWriter>? attributes = null, uint flags = 0, uint change = 0)
    {
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0);
        request.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = index, Flags = flags, Change = change });
        attributes?.Invoke(request);
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
                    link = LinkInfo.Parse(payload);
                }
            });
        }
        catch (NetworkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }

        return link;
    }
}
