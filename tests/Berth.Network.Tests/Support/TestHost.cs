using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Berth.Network.Bridge;
using Berth.Network.Firewall;
using Berth.Network.Ipam;
using Berth.Network.Namespaces;
using Berth.Network.Netlink;

namespace Berth.Network.Tests.Support;

/// <summary>
/// Everything a root test creates on the host, under names no one else uses: interfaces start with
/// "brt"/"brx" + a random id, chains with "BRT" + id, veth aliases and rule comments with "brt" + id, and
/// namespaces live in a temp directory. Disposing removes all of it and restores ip_forward; the
/// counters let a test assert that cleanup left nothing.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly bool _forwardingWasOn = IPForwarding.IsEnabled;
    private int _outsideLinks;

    public TestHost()
    {
        Requires.Root();
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Naming = new NetworkNaming { Tag = "brt" + Id, ChainPrefix = "BRT" + Id.ToUpperInvariant(), VethPrefix = "brtv" };
        Bridge = "brt" + Id;
        Directory = Path.Combine(Path.GetTempPath(), "berth-network-test-" + Id);
        Namespaces = new NetnsDirectory(Path.Combine(Directory, "netns"));
        Firewall = new IptablesFirewall(Naming);
        Driver = new BridgeDriver(Naming, Firewall);
    }

    public string Id { get; }

    public NetworkNaming Naming { get; }

    public string Bridge { get; }

    public string Directory { get; }

    public NetnsDirectory Namespaces { get; }

    public IptablesFirewall Firewall { get; }

    public BridgeDriver Driver { get; }

    /// <summary>A subnet no route or address of the host uses, chosen the way the daemon chooses one.</summary>
    public static NetworkSubnet FreeSubnet(params IPNetwork[] alsoTaken)
    {
        using var netlink = NetlinkConnection.Open();
        return NetworkSubnet.WithDefaultGateway(new DefaultIpam().AllocateSubnet([.. HostNetworks.Read(netlink), .. alsoTaken]));
    }

    /// <summary>Interfaces whose name carries this host's id.</summary>
    public int CountLinks()
    {
        using var netlink = NetlinkConnection.Open();
        return netlink.ListLinks().Count(l => l.Name.Contains(Id, StringComparison.Ordinal) || l.Alias?.StartsWith(Naming.Tag, StringComparison.Ordinal) == true);
    }

    /// <summary>iptables-save lines that mention this host's chains or tags.</summary>
    public int CountRules() =>
        Run("iptables-save").Split('\n').Count(l => l.Contains("BRT" + Id.ToUpperInvariant(), StringComparison.Ordinal) || l.Contains(Naming.Tag, StringComparison.Ordinal));

    public int CountNamespaceMounts() =>
        File.ReadAllLines("/proc/self/mountinfo").Count(l => l.Contains(Directory, StringComparison.Ordinal));

    /// <summary>A veth pair "brx&lt;id&gt;&lt;n&gt;" from the host into <paramref name="netnsPath"/>, addressed and routed: a client outside the bridge.</summary>
    public async Task<InterfaceAddress> AddOutsideClientAsync(string netnsPath, NetworkSubnet link)
    {
        var name = $"brx{Id}{_outsideLinks++}";
        var hostEnd = link.GatewayAddress;
        var clientEnd = new InterfaceAddress(IPv4.FromUInt32(IPv4.First(link.Subnet) + 2), link.Subnet.PrefixLength);
        using (var netlink = NetlinkConnection.Open())
        {
            netlink.CreateVeth(new VethPair(name, "eth0") { PeerNetnsPath = netnsPath, Up = true });
            var index = netlink.FindLink(name)!.Index;
            netlink.AddAddress(index, hostEnd);
        }

        await NetworkNamespace.RunAsync(netnsPath, () =>
        {
            using var inside = NetlinkConnection.Open();
            var eth0 = inside.FindLink("eth0")!;
            inside.AddAddress(eth0.Index, clientEnd);
            inside.SetUp(eth0.Index);
            inside.AddDefaultRoute(hostEnd.Address, eth0.Index);
        });
        return clientEnd;
    }

    /// <summary>A listening TCP socket created inside the namespace (it stays there).</summary>
    public static Task<Socket> ListenInAsync(string netnsPath, int port) =>
        NetworkNamespace.RunAsync(netnsPath, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen();
            return socket;
        });

    /// <summary>An unconnected socket created inside the namespace, for a client there.</summary>
    public static Task<Socket> SocketInAsync(string netnsPath, SocketType type) =>
        NetworkNamespace.RunAsync(netnsPath, () => new Socket(AddressFamily.InterNetwork, type, type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp));

    public async ValueTask DisposeAsync()
    {
        using (var netlink = NetlinkConnection.Open())
        {
            foreach (var link in netlink.ListLinks().Where(l => l.Name.Contains(Id, StringComparison.Ordinal) || l.Alias?.StartsWith(Naming.Tag, StringComparison.Ordinal) == true))
            {
                netlink.DeleteLink(link.Index);
            }
        }

        await Firewall.RemoveAllAsync();
        Firewall.Dispose();
        Namespaces.Sweep(_ => false);
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        if (!_forwardingWasOn && IPForwarding.IsEnabled)
        {
            IPForwarding.Disable();
        }
    }

    private static string Run(string program)
    {
        using var process = Process.Start(new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
