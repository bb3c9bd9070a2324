using System.Net;
using Berth.Core.Errors;
using Berth.Network.Files;

namespace Berth.Network.Tests.Files;

public sealed class HostsFileTests
{
    [Fact]
    public void ADefaultBridgeContainerLooksLikeDockers()
    {
        var hosts = HostsFile.Build(new HostsFileSpec { Hostname = "70daeb4cf098", Addresses = [IPAddress.Parse("172.17.0.3")] });

        // Captured from Docker 28 (/etc/hosts of `docker run busybox`).
        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n"
            + "ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.3\t70daeb4cf098\n",
            hosts);
    }

    [Fact]
    public void ExtraHostsComeBeforeTheOwnLineAndLinksAfter()
    {
        var hosts = HostsFile.Build(new HostsFileSpec
        {
            Hostname = "web",
            DomainName = "example.com",
            Addresses = [IPAddress.Parse("172.17.0.4")],
            ExtraHosts = [HostsEntry.ParseExtraHost("db.local:10.0.0.7")],
            Links = [new HostsLink(IPAddress.Parse("172.17.0.2"), "b", "3f2a1c0e9d8b", "db"), new HostsLink(IPAddress.Parse("172.17.0.3"), "cache", "cachehost", "cache")],
            IPv6 = false,
        });

        Assert.Equal(
            "127.0.0.1\tlocalhost\n10.0.0.7\tdb.local\n172.17.0.4\tweb.example.com web\n172.17.0.2\tb 3f2a1c0e9d8b db\n172.17.0.3\tcache cachehost\n",
            hosts);
    }

    [Fact]
    public void AHostnameWithADotAlsoGetsItsShortName()
    {
        var hosts = HostsFile.Build(new HostsFileSpec { Hostname = "a.b.c", Addresses = [IPAddress.Parse("10.0.0.2")], IPv6 = false });

        Assert.EndsWith("10.0.0.2\ta.b.c a\n", hosts);
    }

    [Fact]
    public void WithoutIPv6TheIPv6ExtraHostsAreDropped()
    {
        var hosts = HostsFile.Build(new HostsFileSpec { ExtraHosts = [HostsEntry.ParseExtraHost("six:::1"), HostsEntry.ParseExtraHost("four:1.2.3.4")], IPv6 = false });

        Assert.Equal("127.0.0.1\tlocalhost\n1.2.3.4\tfour\n", hosts);
    }

    [Theory]
    [InlineData("h:1.2.3.4", "1.2.3.4", "h")]
    [InlineData("h:::1", "::1", "h")]
    [InlineData("h:[2001:db8::1]", "2001:db8::1", "h")]
    [InlineData("h:host-gateway", "172.17.0.1", "h")]
    public void ExtraHostsParseAsTheApiCarriesThem(string value, string address, string name)
    {
        var entry = HostsEntry.ParseExtraHost(value, IPAddress.Parse("172.17.0.1"));

        Assert.Equal(IPAddress.Parse(address), entry.Address);
        Assert.Equal(name, entry.Names);
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData("h:notanip")]
    [InlineData(":1.2.3.4")]
    public void BadExtraHostsAreInvalidArguments(string value) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => HostsEntry.ParseExtraHost(value)).Kind);
}
