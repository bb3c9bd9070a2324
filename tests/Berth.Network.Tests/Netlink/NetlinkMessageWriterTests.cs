using System.Buffers.Binary;
using Berth.Network.Netlink;

namespace Berth.Network.Tests.Netlink;

public sealed class NetlinkMessageWriterTests
{
    [Fact]
    public void MessagesAreHeaderFamilyStructThenAlignedAttributes()
    {
        var writer = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE);
        writer.Write(new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Index = 7 });
        writer.Attribute(Rtnl.IFLA_IFNAME, "eth0");

        var bytes = writer.Finish(42, Rtnl.NLM_F_ACK).ToArray();

        Assert.Equal(16 + 16 + 12, bytes.Length);
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(Rtnl.RTM_NEWLINK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_ACK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        // rtattr: length 4 + "eth0\0" = 9, padded to 12.
        Assert.Equal(9, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(Rtnl.IFLA_IFNAME, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal("eth0\0\0\0\0"u8.ToArray(), bytes[36..44]);
    }

    [Fact]
    public void NestedAttributesCarryTheirWholeLengthAndTheNestedFlag()
    {
        var writer = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0);
        var info = writer.BeginNested(Rtnl.IFLA_LINKINFO);
        writer.Attribute(Rtnl.IFLA_INFO_KIND, "veth");
        writer.EndNested(info);

        var bytes = writer.Finish(1, 0).ToArray();
        var attributes = new NetlinkAttributes(bytes.AsSpan(16));

        Assert.True(attributes.TryRead(out var type, out var value));
        Assert.Equal(Rtnl.IFLA_LINKINFO, type);
        Assert.Equal(4 + 12, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(Rtnl.IFLA_LINKINFO | Rtnl.NLA_F_NESTED, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(18)));
        var inner = new NetlinkAttributes(value);
        Assert.True(inner.TryRead(out var kindType, out var kind));
        Assert.Equal(Rtnl.IFLA_INFO_KIND, kindType);
        Assert.Equal("veth", NetlinkAttributes.ReadString(kind));
        Assert.False(inner.TryRead(out _, out _));
        Assert.False(attributes.TryRead(out _, out _));
    }

    [Fact]
    public void TheFamilyStructsHaveTheKernelsSizes()
    {
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<NlMsgHdr>());
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<IfInfoMsg>());
        Assert.Equal(8, System.Runtime.CompilerServices.Unsafe.SizeOf<IfAddrMsg>());
        Assert.Equal(12, System.Runtime.CompilerServices.Unsafe.SizeOf<RtMsg>());
    }
}
