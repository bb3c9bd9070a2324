using System.Buffers.Binary;
using System.Text;

namespace Berth.Network.Dns;

/// <summary>Domain names on the wire: length-prefixed labels, and compression pointers when reading (RFC 1035 4.1.4).</summary>
internal static class DnsNames
{
    private const int MaxNameLength = 255;
    private const int MaxLabelLength = 63;
    private const int MaxPointers = 64;

    /// <summary>Reads the name at <paramref name="offset"/>, following pointers; advances past it in the message.</summary>
    public static string Read(ReadOnlySpan<byte> message, ref int offset)
    {
        var name = new StringBuilder();
        var position = offset;
        var jumped = false;
        var pointers = 0;
        while (true)
        {
            if (position >= message.Length)
            {
                throw new FormatException("DNS name runs past the message");
            }

            var length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++pointers > MaxPointers)
                {
                    throw new FormatException("bad DNS compression pointer");
                }

                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                position = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new FormatException("unsupported DNS label type");
            }

            position++;
            if (length == 0)
            {
                break;
            }

            if (position + length > message.Length)
            {
                throw new FormatException("DNS label runs past the message");
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(message.Slice(position, length)));
            if (name.Length > MaxNameLength)
            {
                throw new FormatException("DNS name too long");
            }

            position += length;
        }

        if (!jumped)
        {
            offset = position;
        }

        return name.ToString();
    }

    /// <summary>The uncompressed wire form of <paramref name="name"/> ("" or "." is the root).</summary>
    public static byte[] Encode(string name)
    {
        var trimmed = name.TrimEnd('.');
        if (trimmed.Length == 0)
        {
            return [0];
        }

        var bytes = new List<byte>(trimmed.Length + 2);
        foreach (var label in trimmed.Split('.'))
        {
            var encoded = Encoding.ASCII.GetBytes(label);
            if (encoded.Length is 0 or > MaxLabelLength)
            {
                throw new FormatException($"invalid DNS name: {name}");
            }

            bytes.Add((byte)encoded.Length);
            bytes.AddRange(encoded);
        }

        bytes.Add(0);
        return bytes.Count > MaxNameLength ? throw new FormatException($"DNS name too long: {name}") : [.. bytes];
    }
}
