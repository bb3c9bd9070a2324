using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Network.Firewall;
using Berth.Network.Namespaces;
using Berth.Network.Netlink;

namespace Berth.Network.Bridge;

/// <summary>
/// Linux bridges and veth pairs by netlink, like Docker's bridge driver. A connect is one veth request
/// from the daemon's namespace (host end attached to the bridge and up, peer created directly inside the
/// container's namespace with its final name and MAC) plus four requests from a thread inside the
/// namespace (address, arp_notify, link up, default route). Host ends are named like Docker's (<c>veth</c> + 7 hex)
/// and carry the alias <c>&lt;tag&gt;:&lt;containerId&gt;</c>, which is how cleanup finds them. When a
/// namespace dies, the kernel deletes its veth pairs too.
/// </summary>
public sealed class BridgeDriver : INetworkDriver
{
    private const int NameAttempts = 5;
    private readonly NetworkNaming _naming;
    private readonly IptablesFirewall? _firewall;

    /// <param name="firewall">Where network rules go; null leaves iptables alone (no NAT, no port rules).</param>
    public BridgeDriver(NetworkNaming? naming = null, IptablesFirewall? firewall = null)
    {
        _naming = naming ?? NetworkNaming.Default;
        _firewall = firewall;
    }

    /// <summary>Creates the bridge or checks the existing one, gives it <paramref name="gateway"/> and brings it up.</summary>
    public LinkInfo EnsureBridge(string name, InterfaceAddress gateway, int? mtu = null)
    {
        using var netlink = NetlinkConnection.Open();
        var bridge = netlink.FindLink(name) ?? CreateBridge(netlink, name, mtu);
        if (bridge.Kind != "bridge")
        {
            throw Errors.Conflict($"cannot use {name} as a bridge: an interface of kind {bridge.Kind ?? "device"} has that name");
        }

        if (!netlink.ListAddresses(bridge.Index).Any(a => a.Address == gateway))
        {
            netlink.AddAddress(bridge.Index, gateway);
        }

        if (!bridge.IsUp)
        {
            netlink.SetUp(bridge.Index);
        }

        return bridge;
    }

    /// <summary>Deletes the bridge; false when it did not exist.</summary>
    public static bool RemoveBridge(string name)
    {
        using var netlink = NetlinkConnection.Open();
        return netlink.DeleteLink(name);
    }

    public async Task EnsureNetworkAsync(BridgeNetwork network, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        EnsureBridge(network.BridgeName, network.Subnet.GatewayAddress, network.Mtu);
        if (_firewall is not null)
        {
            IPForwarding.Enable();
            await _firewall.EnsureNetworkAsync(network.BridgeName, network.Subnet.Subnet, network.Masquerade, ct).ConfigureAwait(false);
        }
    }

    public async Task RemoveNetworkAsync(string bridgeName, CancellationToken ct = default)
    {
        if (_firewall is not null)
        {
            await _firewall.RemoveNetworkAsync(bridgeName, ct).ConfigureAwait(false);
        }

        RemoveBridge(bridgeName);
    }

    public async Task<BridgeEndpoint> ConnectAsync(EndpointRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        var mac = request.Mac ?? MacAddresses.Random();
        var hostVeth = CreateVeth(request, mac);
        try
        {
            await NetworkNamespace.RunAsync(request.NetnsPath, () => ConfigureInside(request)).ConfigureAwait(false);
        }
        catch
        {
            using var netlink = NetlinkConnection.Open();
            netlink.DeleteLink(hostVeth);
            throw;
        }

        return new BridgeEndpoint(request.ContainerId, request.BridgeName, hostVeth, request.InterfaceName, mac, request.Address, request.Gateway);
    }

    /// <summary>
    /// Deletes the endpoint's veth pair, if it is still there and still the container's. The kernel makes
    /// a deletion wait for an RCU grace period (20-40 ms here, as for <c>ip link del</c>); when the
    /// namespace is about to be deleted anyway, <see cref="Unplug"/> is the fast way.
    /// </summary>
    public void Disconnect(BridgeEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var netlink = NetlinkConnection.Open();
        if (FindOwnedLink(netlink, endpoint) is { } link)
        {
            netlink.DeleteLink(link.Index);
        }
    }

    /// <summary>
    /// Takes the endpoint off the network at once (host end down: no traffic, the bridge forgets it) and
    /// leaves the deletion of the pair to the kernel, which does it in the background when the container's
    /// namespace is deleted (right after, on container stop). Microseconds instead of a grace period. If the
    /// namespace lives on, the pair stays down until <see cref="DisconnectContainer"/> or a sweep.
    /// </summary>
    public void Unplug(BridgeEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var netlink = NetlinkConnection.Open();
        if (FindOwnedLink(netlink, endpoint) is { } link)
        {
            try
            {
                netlink.SetDown(link.Index);
            }
            catch (NetworkException e) when (e.Errno == Errno.ENODEV)
            {
            }
        }
    }

    public int DisconnectContainer(string containerId)
    {
        var tag = _naming.ContainerTag(containerId);
        return DeleteLinks(link => link.Alias == tag).Count;
    }

    public IReadOnlyList<string> SweepEndpoints(Func<string, bool> isKnownContainer)
    {
        ArgumentNullException.ThrowIfNull(isKnownContainer);
        return DeleteLinks(link => link.Alias is { } alias && _naming.ContainerOf(alias) is { } id && !isKnownContainer(id));
    }

    /// <summary>The host ends of the veths of one container, or of all containers when null.</summary>
    public IReadOnlyList<LinkInfo> ListEndpointLinks(string? containerId = null)
    {
        using var netlink = NetlinkConnection.Open();
        return netlink.ListLinks()
            .Where(l => l.Alias is { } alias && _naming.ContainerOf(alias) is { } id && (containerId is null || id == containerId))
            .ToList();
    }

    /// <summary>Creates the bridge, or takes the one a concurrent caller just created.</summary>
    private static LinkInfo CreateBridge(NetlinkConnection netlink, string name, int? mtu)
    {
        try
        {
            return netlink.CreateBridge(name, mtu);
        }
        catch (NetworkException e) when (e.Errno == Errno.EEXIST)
        {
            var existing = netlink.FindLink(name);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
    }

    private LinkInfo? FindOwnedLink(NetlinkConnection netlink, BridgeEndpoint endpoint) =>
        netlink.FindLink(endpoint.HostVeth) is { } link && link.Alias == _naming.ContainerTag(endpoint.ContainerId) ? link : null;

    private string CreateVeth(EndpointRequest request, System.Net.NetworkInformation.PhysicalAddress mac)
    {
        using var netlink = NetlinkConnection.Open();
        var bridge = netlink.FindLink(request.BridgeName)
            ?? throw Errors.Internal($"bridge {request.BridgeName} does not exist: the network must be set up before containers connect to it");
        for (var attempt = 1; ; attempt++)
        {
            var name = _naming.VethPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))[..7];
            try
            {
                netlink.CreateVeth(new VethPair(name, request.InterfaceName)
                {
                    PeerNetnsPath = request.NetnsPath,
                    PeerMac = mac,
                    MasterIndex = bridge.Index,
                    Mtu = request.Mtu,
                    Up = true,
                });
            }
            catch (NetworkException e) when (e.Errno == Errno.EEXIST && attempt < NameAttempts && netlink.FindLink(name) is not null)
            {
                // Our random name was taken; an EEXIST for the peer's name inside the namespace is thrown.
                continue;
            }

            try
            {
                netlink.SetAlias(name, _naming.ContainerTag(request.ContainerId));
            }
            catch
            {
                netlink.DeleteLink(name);
                throw;
            }

            return name;
        }
    }

    private static void ConfigureInside(EndpointRequest request)
    {
        using var netlink = NetlinkConnection.Open();
        var link = netlink.FindLink(request.InterfaceName)
            ?? throw new NetworkException(Errno.ENODEV, "configure endpoint", request.InterfaceName);
        netlink.AddAddress(link.Index, request.Address);
        // A reused address must not stay behind the host's ARP entry for the previous container's MAC.
        netlink.EnableArpNotify(link.Index);
        netlink.SetUp(link.Index);
        if (request.Gateway is { } gateway)
        {
            netlink.AddDefaultRoute(gateway, link.Index);
        }
    }

    private List<string> DeleteLinks(Func<LinkInfo, bool> match)
    {
        using var netlink = NetlinkConnection.Open();
        var deleted = new List<string>();
        foreach (var link in netlink.ListLinks().Where(match))
        {
            if (netlink.DeleteLink(link.Index))
            {
                deleted.Add(link.Name);
            }
        }

        return deleted;
    }
}
