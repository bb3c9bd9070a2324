using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Network.Netlink;

/// <summary>Walks the attributes (struct rtattr / nlattr) that follow a family struct.</summary>
internal ref struct NetlinkAttributes
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkAttributes(ReadOnlySpan<byte> data) => _rest = data;

    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_rest.Length < 4)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(_rest);
        if (length < 4 || length > _rest.Length)
        {
            return false;
        }

        type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & Rtnl.NLA_TYPE_MASK);
        value = _rest[4..length];
        var aligned = Math.Min((length + 3) & ~3, _rest.Length);
        _rest = _rest[aligned..];
        return true;
    }

    public static string ReadString(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> value) => MemoryMarshal.Read<uint>(value);

    public static IPAddress ReadAddress(ReadOnlySpan<byte> value) => new(value);
}
