using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

public sealed class DnsMessageTests
{
    /// <summary>`dig web A` as dig 9.18 sends it: RD, AD, one question and an EDNS OPT record (1232 bytes, cookie).</summary>
    private static readonly byte[] DigQuery = Convert.FromHexString(
        "1b5c01200001000000000001037765620000010001000029100000000000000c000a0008c7f0d4bd6e3a7b22");

    [Fact]
    public void ADigQueryParses()
    {
        var query = DnsMessage.Parse(DigQuery);

        Assert.Equal(0x1b5c, query.Id);
        Assert.False(query.IsResponse);
        Assert.True(query.RecursionDesired);
        Assert.Equal(new DnsQuestion("web", DnsRecordType.A), Assert.Single(query.Questions));
        var opt = Assert.Single(query.Additionals);
        Assert.Equal(DnsRecordType.Opt, opt.Type);
        Assert.Equal(4096, query.MaxUdpPayload);
    }

    [Fact]
    public void AResponseRoundTrips()
    {
        var response = DnsMessage.Parse(DigQuery).CreateResponse(DnsResponseCode.NoError);
        response.Authoritative = true;
        response.Answers.Add(DnsRecord.Address("web", IPAddress.Parse("172.18.0.3"), 600));
        response.Answers.Add(DnsRecord.Address("web", IPAddress.Parse("fd00::3"), 600));

        var parsed = DnsMessage.Parse(response.Serialize());

        Assert.Equal(0x1b5c, parsed.Id);
        Assert.True(parsed.IsResponse);
        Assert.True(parsed.Authoritative);
        Assert.True(parsed.RecursionDesired);
        Assert.True(parsed.RecursionAvailable);
        Assert.Equal(DnsResponseCode.NoError, parsed.ResponseCode);
        Assert.Equal("web", Assert.Single(parsed.Questions).Name);
        Assert.Equal([DnsRecordType.A, DnsRecordType.Aaaa], parsed.Answers.Select(a => a.Type));
        Assert.Equal(IPAddress.Parse("172.18.0.3"), new IPAddress(parsed.Answers[0].Data));
        Assert.Equal(600u, parsed.Answers[1].Ttl);
    }

    [Fact]
    public void TheHeaderFlagsSitWhereRfc1035PutsThem()
    {
        var message = new DnsMessage { Id = 0x0102, IsResponse = true, Opcode = 2, Authoritative = true, Truncated = true, RecursionDesired = true, RecursionAvailable = true, ResponseCode = DnsResponseCode.NameError };

        Assert.Equal(Convert.FromHexString("0102978300000000000000 00".Replace(" ", "", StringComparison.Ordinal)), message.Serialize());
    }

    [Fact]
    public void CompressedNamesAreFollowed()
    {
        // Header (1 question, 1 answer), question "a.example" A IN, answer named by a pointer to offset 12.
        var bytes = Convert.FromHexString(
            "0001818000010001000000000161076578616d706c650000010001" + "c00c000100010000003c00040a000001");

        var message = DnsMessage.Parse(bytes);

        Assert.Equal("a.example", message.Answers[0].Name);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), new IPAddress(message.Answers[0].Data));
    }

    [Theory]
    [InlineData("0001")]
    [InlineData("000101000001000000000000")]
    [InlineData("00010100000100000000000003777777")]
    [InlineData("000101000001000000000000c00c00010001")]
    [InlineData("0001010000010000000000000361626300000100")]
    public void MalformedMessagesAreFormatErrors(string hex) =>
        Assert.Throws<FormatException>(() => DnsMessage.Parse(Convert.FromHexString(hex)));

    [Fact]
    public void NamesEncodeAsLengthPrefixedLabels()
    {
        Assert.Equal(Convert.FromHexString("0377656203636f6d00"), DnsNames.Encode("web.com."));
        Assert.Equal(new byte[] { 0 }, DnsNames.Encode(""));
        Assert.Throws<FormatException>(() => DnsNames.Encode("a..b"));
        Assert.Throws<FormatException>(() => DnsNames.Encode(new string('x', 64)));
    }

    [Theory]
    [InlineData("2.0.17.172.in-addr.arpa", "172.17.0.2")]
    [InlineData("2.0.17.172.IN-ADDR.ARPA.", "172.17.0.2")]
    public void ReverseNamesParse(string name, string address)
    {
        Assert.True(ReverseNames.TryParse(name, out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Theory]
    [InlineData("0.17.172.in-addr.arpa")]
    [InlineData("300.0.17.172.in-addr.arpa")]
    [InlineData("example.com")]
    public void OtherNamesAreNotReverseNames(string name) => Assert.False(ReverseNames.TryParse(name, out _));
}
