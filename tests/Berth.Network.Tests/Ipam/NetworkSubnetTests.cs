using System.Net;
using Berth.Core.Errors;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Ipam;

public sealed class NetworkSubnetTests
{
    [Fact]
    public void TheDefaultGatewayIsTheFirstHost()
    {
        var subnet = NetworkSubnet.Parse("172.17.0.0/16");

        Assert.Equal(IPNetwork.Parse("172.17.0.0/16"), subnet.Subnet);
        Assert.Equal(IPAddress.Parse("172.17.0.1"), subnet.Gateway);
        Assert.Equal("172.17.0.1/16", subnet.GatewayAddress.ToString());
    }

    [Fact]
    public void AGivenGatewayIsKept()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.254"), NetworkSubnet.Parse("10.1.2.0/24", "10.1.2.254").Gateway);
    }

    [Theory]
    [InlineData("172.17.0.1/16", null, "invalid network config:\ninvalid subnet 172.17.0.1/16: it should be 172.17.0.0/16")]
    [InlineData("172.17.0.0", null, "invalid network config:\ninvalid subnet 172.17.0.0: invalid CIDR block notation")]
    [InlineData("nonsense", null, "invalid network config:\ninvalid subnet nonsense: invalid CIDR block notation")]
    [InlineData("10.1.0.0/16", "10.2.0.1", "invalid network config:\ninvalid gateway 10.2.0.1: parent subnet 10.1.0.0/16 doesn't contain this address")]
    [InlineData("10.1.0.0/16", "x", "invalid network config:\ninvalid gateway x: invalid address")]
    [InlineData("10.1.0.5/16", "10.2.0.1", "invalid network config:\n* invalid subnet 10.1.0.5/16: it should be 10.1.0.0/16\n* invalid gateway 10.2.0.1: parent subnet 10.1.0.5/16 doesn't contain this address")]
    public void InvalidInputIsWordedAsMobyWordsIt(string subnet, string? gateway, string message)
    {
        var e = Assert.Throws<BerthException>(() => NetworkSubnet.Parse(subnet, gateway));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void AnIpOptionMustLieInTheSubnet()
    {
        var subnet = NetworkSubnet.Parse("10.1.0.0/16");

        Assert.Equal(IPAddress.Parse("10.1.3.4"), subnet.ParseAddress("10.1.3.4"));
        Assert.Equal(
            "no configured subnet or ip-range contain the IP address 10.2.3.4",
            Assert.Throws<BerthException>(() => subnet.ParseAddress("10.2.3.4")).Message);
        Assert.Equal("invalid IPv4 address: x", Assert.Throws<BerthException>(() => subnet.ParseAddress("x")).Message);
    }

    [Theory]
    [InlineData("172.17.0.2/16", "172.17.0.2", 16, "172.17.0.0/16")]
    [InlineData("10.0.0.9/30", "10.0.0.9", 30, "10.0.0.8/30")]
    [InlineData("192.168.1.1/32", "192.168.1.1", 32, "192.168.1.1/32")]
    public void InterfaceAddressesKeepTheirHostBits(string text, string address, int prefix, string subnet)
    {
        var parsed = InterfaceAddress.Parse(text);

        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(prefix, parsed.PrefixLength);
        Assert.Equal(IPNetwork.Parse(subnet), parsed.Subnet);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("172.17.0.2")]
    [InlineData("172.17.0.2/33")]
    [InlineData("/16")]
    [InlineData("x/16")]
    public void BadInterfaceAddressesDoNotParse(string text) => Assert.False(InterfaceAddress.TryParse(text, out _));
}
