using System.Net.NetworkInformation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Network.Netlink;

/// <summary>One network interface as RTM_GETLINK reports it.</summary>
/// <param name="Kind">The driver kind (<c>bridge</c>, <c>veth</c>...), or null for physical and loopback devices.</param>
/// <param name="MasterIndex">The index of the bridge the link is attached to, or null.</param>
/// <param name="Alias">The interface alias (IFLA_IFALIAS); Berth tags its veths with it.</param>
public sealed record LinkInfo(int Index, string Name, string? Kind, int? MasterIndex, string? Alias, bool IsUp, PhysicalAddress? Mac, int Mtu)
{
    /// <summary>Reads an RTM_NEWLINK payload: ifinfomsg, then attributes.</summary>
    internal static LinkInfo Parse(ReadOnlySpan<byte> payload)
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

