using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Network.Netlink;

/// <summary>Interface addresses.</summary>
public sealed partial class NetlinkConnection
{
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
}
