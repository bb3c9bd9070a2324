namespace Berth.Network.Netlink;

/// <summary>One address of an interface as RTM_GETADDR reports it.</summary>
public sealed record AddressInfo(int LinkIndex, InterfaceAddress Address);
