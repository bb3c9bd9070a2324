using System.Net;
using Berth.Network.Bridge;

namespace Berth.Network.Tests.Netlink;

public sealed class MacAddressesTests
{
    [Fact]
    public void RandomMacsAreUnicastAndLocallyAdministered()
    {
        for (var i = 0; i < 64; i++)
        {
            var first = MacAddresses.Random().GetAddressBytes()[0];
            Assert.Equal(0, first & 0x01);
            Assert.Equal(0x02, first & 0x02);
        }
    }

    [Fact]
    public void MacsDerivedFromTheAddressAreTheOldDockerOnes() =>
        Assert.Equal("02:42:ac:11:00:02", MacAddresses.Format(MacAddresses.FromIPv4(IPAddress.Parse("172.17.0.2"))));
}
