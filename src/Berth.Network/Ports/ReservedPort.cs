using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Ports;

/// <summary>A host port held by a bound socket (listening, for TCP), which the proxy then serves.</summary>
internal sealed class ReservedPort(HostPortAllocator owner, PortProtocol protocol, IPAddress hostIp, int port, Socket socket) : IDisposable
{
    public PortProtocol Protocol => protocol;

    public IPAddress HostIp => hostIp;

    public int Port => port;

    public Socket Socket => socket;

    public void Dispose()
    {
        socket.Dispose();
        owner.Release(protocol, hostIp, port);
    }
}
