using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

/// <summary>The server's answers, served on 127.0.0.1 in the test's own namespace (the root tests run it inside one).</summary>
public sealed class EmbeddedDnsServerTests : IAsyncLifetime
{
    private static readonly IPAddress Web = IPAddress.Parse("172.18.0.3");
    private readonly FakeUpstream _upstream = new();
    private EmbeddedDnsServer _server = null!;

    public ValueTask InitializeAsync()
    {
        var records = new FixedRecords(new() { ["web"] = [Web], ["db"] = [] });
        _server = EmbeddedDnsServer.StartHere(
            new IPEndPoint(IPAddress.Loopback, 0), records, new DnsForwarder([_upstream.EndPoint], TimeSpan.FromSeconds(5)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task ANetworkNameIsAnsweredWithoutAskingUpstream()
    {
        var reply = await DnsClient.AskUdpAsync(_server.EndPoint, DnsClient.Query("web", DnsRecordType.A, 7));

        Assert.Equal(7, reply.Id);
        Assert.Equal(DnsResponseCode.NoError, reply.ResponseCode);
        Assert.True(reply.Authoritative);
        var answer = Assert.Single(reply.Answers);
        Assert.Equal(Web, new IPAddress(answer.Data));
        Assert.Equal(600u, answer.Ttl);
        Assert.Equal(0, _upstream.Queries);
    }

    [Fact]
    public async Task AKnownNameWithoutIPv6GetsAnEmptyAnswerNotAForward()
    {
        var reply = await DnsClient.AskUdpAsync(_server.EndPoint, DnsClient.Query("web", DnsRecordType.Aaaa));

        Assert.Equal(DnsResponseCode.NoError, reply.ResponseCode);
        Assert.Empty(reply.Answers);
        Assert.Equal(0, _upstream.Queries);
    }

    [Fact]
    public async Task OtherNamesAreForwarded()
    {
        var found = await DnsClient.AskUdpAsync(_server.EndPoint, DnsClient.Query("example.test", DnsRecordType.A));
        var missing = await DnsClient.AskUdpAsync(_server.EndPoint, DnsClient.Query("nowhere.test", DnsRecordType.A));

        Assert.Equal(FakeUpstream.ExampleAddress, new IPAddress(Assert.Single(found.Answers).Data));
        Assert.Equal(DnsResponseCode.NameError, missing.ResponseCode);
        Assert.Equal(2, _upstream.Queries);
    }

    [Fact]
    public async Task AnUnansweredForwardIsServerFailure()
    {
        _upstream.Silent = true;
        await using var impatient = EmbeddedDnsServer.StartHere(
            new IPEndPoint(IPAddress.Loopback, 0), new FixedRecords([]), new DnsForwarder([_upstream.EndPoint], TimeSpan.FromMilliseconds(200)));

        var reply = await DnsClient.AskUdpAsync(impatient.EndPoint, DnsClient.Query("example.test", DnsRecordType.A, 9));

        Assert.Equal(9, reply.Id);
        Assert.Equal(DnsResponseCode.ServerFailure, reply.ResponseCode);
    }

    [Fact]
    public async Task WithoutUpstreamsForwardsFailToo()
    {
        await using var lonely = EmbeddedDnsServer.StartHere(new IPEndPoint(IPAddress.Loopback, 0), new FixedRecords([]), new DnsForwarder([]));

        var reply = await DnsClient.AskUdpAsync(lonely.EndPoint, DnsClient.Query("example.test", DnsRecordType.A));

        Assert.Equal(DnsResponseCode.ServerFailure, reply.ResponseCode);
    }

    [Fact]
    public async Task ReverseLookupsOfNetworkAddressesAreAnswered()
    {
        var reply = await DnsClient.AskUdpAsync(_server.EndPoint, DnsClient.Query("3.0.18.172.in-addr.arpa", DnsRecordType.Ptr));

        var answer = Assert.Single(reply.Answers);
        Assert.Equal(DnsRecordType.Ptr, answer.Type);
        Assert.Equal(DnsNames.Encode("web"), answer.Data);
    }

    [Fact]
    public async Task TcpQueriesAreAnsweredAndForwardedOverTcp()
    {
        using var local = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var forwarded = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var reply = await DnsClient.AskTcpAsync(local, _server.EndPoint, DnsClient.Query("web", DnsRecordType.A));
        var forward = await DnsClient.AskTcpAsync(forwarded, _server.EndPoint, DnsClient.Query("example.test", DnsRecordType.A));

        Assert.Equal(Web, new IPAddress(Assert.Single(reply.Answers).Data));
        Assert.Equal(FakeUpstream.ExampleAddress, new IPAddress(Assert.Single(forward.Answers).Data));
    }

    [Fact]
    public async Task AnAnswerTooBigForUdpIsTruncated()
    {
        var many = Enumerable.Range(1, 40).Select(i => IPAddress.Parse($"172.18.1.{i}")).ToArray();
        await using var server = EmbeddedDnsServer.StartHere(new IPEndPoint(IPAddress.Loopback, 0), new FixedRecords(new() { ["a-rather-long-service-name.example"] = many }), new DnsForwarder([]));
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var udp = await DnsClient.AskUdpAsync(server.EndPoint, DnsClient.Query("a-rather-long-service-name.example", DnsRecordType.A));
        var full = await DnsClient.AskTcpAsync(tcp, server.EndPoint, DnsClient.Query("a-rather-long-service-name.example", DnsRecordType.A));

        Assert.True(udp.Truncated);
        Assert.Empty(udp.Answers);
        Assert.Equal(40, full.Answers.Count);
    }

    [Fact]
    public async Task AMalformedQueryGetsFormatError()
    {
        var reply = await DnsClient.AskUdpAsync(_server.EndPoint, Convert.FromHexString("abcd01000001000000000000c00c"));

        Assert.Equal(0xabcd, reply.Id);
        Assert.Equal(DnsResponseCode.FormatError, reply.ResponseCode);
    }
}
