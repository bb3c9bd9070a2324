using System.Net.NetworkInformation;

namespace Berth.Network.Netlink;

/// <summary>One network interface as RTM_GETLINK reports it.</summary>
/// <param name="Kind">The driver kind (<c>bridge</c>, <c>veth</c>...), or null for physical and loopback devices.</param>
/// <param name="MasterIndex">The index of the bridge the link is attached to, or null.</param>
/// <param name="Alias">The interface alias (IFLA_IFALIAS); Berth tags its veths with it.</param>
public sealed record LinkInfo(int Index, string Name, string? Kind, int? MasterIndex, string? Alias, bool IsUp, PhysicalAddress? Mac, int Mtu);
