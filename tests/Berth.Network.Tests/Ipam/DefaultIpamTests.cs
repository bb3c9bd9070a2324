using System.Net;
using Berth.Core.Errors;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Ipam;

public sealed class DefaultIpamTests
{
    private static readonly NetworkSubnet Bridge = NetworkSubnet.Parse("172.17.0.0/16");
    private readonly DefaultIpam _ipam = new();

    private static HashSet<IPAddress> Used(params string[] addresses) => addresses.Select(IPAddress.Parse).ToHashSet();

    [Fact]
    public void FirstContainerGetsDotTwoThenInOrder()
    {
        var used = Used();
        var first = _ipam.AllocateAddress(Bridge, used);
        used.Add(first);
        var second = _ipam.AllocateAddress(Bridge, used);

        Assert.Equal(IPAddress.Parse("172.17.0.2"), first);
        Assert.Equal(IPAddress.Parse("172.17.0.3"), second);
    }

    [Fact]
    public void AFreedAddressIsHandedOutAgain()
    {
        Assert.Equal(IPAddress.Parse("172.17.0.2"), _ipam.AllocateAddress(Bridge, Used("172.17.0.3", "172.17.0.4")));
        Assert.Equal(IPAddress.Parse("172.17.0.3"), _ipam.AllocateAddress(Bridge, Used("172.17.0.2", "172.17.0.4")));
    }

    [Fact]
    public void TheGatewayIsSkippedWhereverItIs()
    {
        var subnet = NetworkSubnet.Parse("10.9.0.0/24", "10.9.0.2");

        Assert.Equal(IPAddress.Parse("10.9.0.1"), _ipam.AllocateAddress(subnet, Used()));
        Assert.Equal(IPAddress.Parse("10.9.0.3"), _ipam.AllocateAddress(subnet, Used("10.9.0.1")));
    }

    [Fact]
    public void ExhaustionIsUnavailable()
    {
        var subnet = NetworkSubnet.Parse("10.9.0.0/30");

        Assert.Equal(IPAddress.Parse("10.9.0.2"), _ipam.AllocateAddress(subnet, Used()));
        var e = Assert.Throws<BerthException>(() => _ipam.AllocateAddress(subnet, Used("10.9.0.2")));
        Assert.Equal(ErrorKind.Unavailable, e.Kind);
        Assert.Equal("no available addresses on this pool", e.Message);
    }

    [Fact]
    public void ARequestedAddressIsGivenWhenFree()
    {
        Assert.Equal(IPAddress.Parse("172.17.5.9"), _ipam.AllocateAddress(Bridge, Used("172.17.0.2"), IPAddress.Parse("172.17.5.9")));
    }

    [Theory]
    [InlineData("172.17.0.2")]
    [InlineData("172.17.0.1")]
    [InlineData("172.17.0.0")]
    [InlineData("172.17.255.255")]
    public void ARequestedAddressInUseOrReservedIsForbidden(string requested)
    {
        var e = Assert.Throws<BerthException>(() => _ipam.AllocateAddress(Bridge, Used("172.17.0.2"), IPAddress.Parse(requested)));
        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal("Address already in use", e.Message);
    }

    [Fact]
    public void ARequestedAddressOutsideTheSubnetIsInvalid()
    {
        var e = Assert.Throws<BerthException>(() => _ipam.AllocateAddress(Bridge, Used(), IPAddress.Parse("172.18.0.2")));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void SubnetsFollowDockersDefaultPools()
    {
        Assert.Equal(IPNetwork.Parse("172.17.0.0/16"), _ipam.AllocateSubnet([]));
        Assert.Equal(IPNetwork.Parse("172.18.0.0/16"), _ipam.AllocateSubnet([IPNetwork.Parse("172.17.0.0/16")]));
    }

    [Fact]
    public void APoolOverlappingAHostRouteIsSkipped()
    {
        // A Docker on the same host: docker0 at 172.17.0.0/16, and a VPN route inside 172.18.
        Assert.Equal(
            IPNetwork.Parse("172.19.0.0/16"),
            _ipam.AllocateSubnet([IPNetwork.Parse("172.17.0.0/16"), IPNetwork.Parse("172.18.3.0/24")]));
    }

    [Fact]
    public void AfterThe172PoolsCome192168Slash20s()
    {
        Assert.Equal(IPNetwork.Parse("192.168.0.0/20"), _ipam.AllocateSubnet([IPNetwork.Parse("172.16.0.0/12")]));
        Assert.Equal(
            IPNetwork.Parse("192.168.16.0/20"),
            _ipam.AllocateSubnet([IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.1.0/24")]));
    }

    [Fact]
    public void NoFreePoolIsForbidden()
    {
        var e = Assert.Throws<BerthException>(() => _ipam.AllocateSubnet([IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")]));
        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.StartsWith("could not find an available, non-overlapping IPv4 address pool", e.Message);
    }

    [Fact]
    public void TheDefaultPoolsAreDockers()
    {
        var pools = AddressPools.Default;

        Assert.Equal(15 + 16, pools.Count);
        Assert.Equal(IPNetwork.Parse("172.17.0.0/16"), pools[0]);
        Assert.Equal(IPNetwork.Parse("172.31.0.0/16"), pools[14]);
        Assert.Equal(IPNetwork.Parse("192.168.0.0/20"), pools[15]);
        Assert.Equal(IPNetwork.Parse("192.168.240.0/20"), pools[^1]);
    }
}
