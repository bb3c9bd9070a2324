using System.Net;
using System.Net.NetworkInformation;

namespace Berth.Network.Bridge;

/// <summary>A container's attachment to a bridge: the veth pair's host end and what was configured inside.</summary>
public sealed record BridgeEndpoint(
    string ContainerId,
    string BridgeName,
    string HostVeth,
    string InterfaceName,
    PhysicalAddress Mac,
    InterfaceAddress Address,
    IPAddress? Gateway);
