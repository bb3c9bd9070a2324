using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Network.Netlink;

/// <summary>Builds one netlink request: the header, a fixed family struct, then (nested) attributes, 4-byte aligned.</summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessageWriter(ushort type, ushort flags)
    {
        Type = type;
        Flags = (ushort)(flags | Rtnl.NLM_F_REQUEST);
        _length = Unsafe.SizeOf<NlMsgHdr>();
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public void Write<T>(in T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        MemoryMarshal.Write(Reserve(size), in value);
        Pad();
    }

    public void Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var header = Reserve(4 + value.Length);
        MemoryMarshal.Write(header, (ushort)(4 + value.Length));
        MemoryMarshal.Write(header[2..], type);
        value.CopyTo(header[4..]);
        Pad();
    }

    public void Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, value);
        Attribute(type, bytes);
    }

    /// <summary>A NUL-terminated string, as the kernel expects for names.</summary>
    public void Attribute(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        Attribute(type, bytes);
    }

    public void Attribute(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    /// <summary>Opens a nested attribute; close it with <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var header = Reserve(4);
        MemoryMarshal.Write(header[2..], (ushort)(type | Rtnl.NLA_F_NESTED));
        return start;
    }

    public void EndNested(int start) =>
        MemoryMarshal.Write(_buffer.AsSpan(start), (ushort)(_length - start));

    /// <summary>Completes the header and returns the message, valid until the next write.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence, ushort extraFlags)
    {
        var header = new NlMsgHdr { Length = (uint)_length, Type = Type, Flags = (ushort)(Flags | extraFlags), Sequence = sequence };
        MemoryMarshal.Write(_buffer, in header);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int size)
    {
        var needed = _length + size + 3;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        var span = _buffer.AsSpan(_length, size);
        span.Clear();
        _length += size;
        return span;
    }

    private void Pad()
    {
        var aligned = (_length + 3) & ~3;
        _buffer.AsSpan(_length, aligned - _length).Clear();
        _length = aligned;
    }
}
