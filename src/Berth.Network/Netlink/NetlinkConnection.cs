using Berth.Network.Namespaces;

namespace Berth.Network.Netlink;

/// <summary>
/// A NETLINK_ROUTE client bound to one network namespace: the daemon's (<see cref="Open"/>) or a
/// container's (<see cref="OpenInAsync"/>); the socket stays in that namespace whatever thread uses it.
/// Every call is a request or two that the kernel answers in microseconds; none spawns a process. Not thread-safe:
/// use one connection per operation or per thread.
/// </summary>
public sealed partial class NetlinkConnection : IDisposable
{
    private readonly NetlinkSocket _socket;

    private NetlinkConnection(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens a connection in the calling thread's network namespace (the daemon's).</summary>
    public static NetlinkConnection Open() => new(NetlinkSocket.Open());

    /// <summary>Opens a connection inside the network namespace bind-mounted at <paramref name="netnsPath"/>.</summary>
    public static Task<NetlinkConnection> OpenInAsync(string netnsPath) => NetworkNamespace.RunAsync(netnsPath, Open);

    public void Dispose() => _socket.Dispose();
}
