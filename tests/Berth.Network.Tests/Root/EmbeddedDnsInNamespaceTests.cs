using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;
using Berth.Network.Tests.Dns;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

/// <summary>The embedded DNS at 127.0.0.11:53 inside a container's namespace, forwarding to a resolver on the host's loopback.</summary>
[Collection(RootCollection.Name)]
public sealed class EmbeddedDnsInNamespaceTests
{
    [Fact]
    public async Task AContainerResolvesNetworkNamesAndForwardsTheRest()
    {
        await using var host = new TestHost();
        await using var upstream = new FakeUpstream();
        var path = await host.Namespaces.CreateAsync("c");
        var web = IPAddress.Parse("172.18.0.3");
        await using var server = await EmbeddedDnsServer.StartAsync(
            path, new FixedRecords(new() { ["web"] = [web] }), new DnsForwarder([upstream.EndPoint]));
        using var udp = await TestHost.SocketInAsync(path, SocketType.Dgram);
        using var tcp = await TestHost.SocketInAsync(path, SocketType.Stream);
        using var udpOnHost = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        var local = await DnsClient.AskUdpAsync(udp, EmbeddedDnsServer.DefaultEndPoint, DnsClient.Query("web", DnsRecordType.A));
        var forwarded = await DnsClient.AskUdpAsync(udp, EmbeddedDnsServer.DefaultEndPoint, DnsClient.Query("example.test", DnsRecordType.A));
        var missing = await DnsClient.AskUdpAsync(udp, EmbeddedDnsServer.DefaultEndPoint, DnsClient.Query("nowhere.test", DnsRecordType.A));
        var overTcp = await DnsClient.AskTcpAsync(tcp, EmbeddedDnsServer.DefaultEndPoint, DnsClient.Query("web", DnsRecordType.A));

        Assert.Equal(EmbeddedDnsServer.DefaultEndPoint, server.EndPoint);
        Assert.Equal(web, new IPAddress(Assert.Single(local.Answers).Data));
        Assert.Equal(FakeUpstream.ExampleAddress, new IPAddress(Assert.Single(forwarded.Answers).Data));
        Assert.Equal(DnsResponseCode.NameError, missing.ResponseCode);
        Assert.Equal(web, new IPAddress(Assert.Single(overTcp.Answers).Data));
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task TheServerIsOnlyInsideItsNamespace()
    {
        await using var host = new TestHost();
        var path = await host.Namespaces.CreateAsync("c");
        await using var server = await EmbeddedDnsServer.StartAsync(path, new FixedRecords([]), new DnsForwarder([]));
        using var onHost = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var e = await Assert.ThrowsAsync<SocketException>(async () => await onHost.ConnectAsync(EmbeddedDnsServer.DefaultEndPoint));

        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
    }
}
