using System.Net;
using System.Net.Sockets;
using Berth.Network.Proxy;
using Berth.Network.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Network.Tests.Ports;

public sealed class UdpProxyTests
{
    [Fact]
    public async Task IdleFlowsAreClosed()
    {
        await using var echo = new UdpEchoServer();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var proxy = UdpProxy.Start(listener, echo.EndPoint, TimeSpan.FromSeconds(1), NullLogger.Instance);
        using var one = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var two = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        await UdpEchoServer.AskAsync(one, listener.LocalEndPoint!, [1]);
        await UdpEchoServer.AskAsync(two, listener.LocalEndPoint!, [2]);

        Assert.Equal(2, proxy.FlowCount);
        await Eventually.TrueAsync(() => proxy.FlowCount == 0, "idle flows are closed");
        Assert.Equal(new byte[] { 3 }, await UdpEchoServer.AskAsync(one, listener.LocalEndPoint!, [3]));
    }
}
