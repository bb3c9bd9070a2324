using System.Buffers.Binary;

namespace Berth.Network.Dns;

/// <summary>A DNS message (RFC 1035 4.1): header flags, questions, and the three record sections.</summary>
internal sealed class DnsMessage
{
    private const int HeaderSize = 12;

    public ushort Id { get; set; }

    public bool IsResponse { get; set; }

    public byte Opcode { get; set; }

    public bool Authoritative { get; set; }

    public bool Truncated { get; set; }

    public bool RecursionDesired { get; set; }

    public bool RecursionAvailable { get; set; }

    public DnsResponseCode ResponseCode { get; set; }

    public List<DnsQuestion> Questions { get; } = [];

    public List<DnsRecord> Answers { get; } = [];

    public List<DnsRecord> Authorities { get; } = [];

    public List<DnsRecord> Additionals { get; } = [];

    /// <summary>The UDP payload size the sender accepts: its EDNS OPT record's class, or 512 without one.</summary>
    public int MaxUdpPayload =>
        Additionals.FirstOrDefault(r => r.Type == DnsRecordType.Opt) is { } opt ? Math.Max((int)opt.Class, 512) : 512;

    /// <exception cref="FormatException">The bytes are not a well-formed DNS message.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new FormatException("DNS message shorter than its header");
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        var message = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(bytes),
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (byte)((flags >> 11) & 0xF),
            Authoritative = (flags & 0x0400) != 0,
            Truncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            ResponseCode = (DnsResponseCode)(flags & 0xF),
        };
        var offset = HeaderSize;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        for (var i = 0; i < questions; i++)
        {
            var name = DnsNames.Read(bytes, ref offset);
            Need(bytes, offset, 4);
            message.Questions.Add(new DnsQuestion(
                name,
                (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]),
                BinaryPrimitives.ReadUInt16BigEndian(bytes[(offset + 2)..])));
            offset += 4;
        }

        ReadRecords(bytes, ref offset, BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]), message.Answers);
        ReadRecords(bytes, ref offset, BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]), message.Authorities);
        ReadRecords(bytes, ref offset, BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]), message.Additionals);
        return message;
    }

    /// <summary>A response to this query: same id, opcode, RD flag and question, no records yet.</summary>
    public DnsMessage CreateResponse(DnsResponseCode code)
    {
        var response = new DnsMessage
        {
            Id = Id,
            IsResponse = true,
            Opcode = Opcode,
            RecursionDesired = RecursionDesired,
            RecursionAvailable = true,
            ResponseCode = code,
        };
        response.Questions.AddRange(Questions);
        return response;
    }

    /// <summary>The wire form, without name compression.</summary>
    public byte[] Serialize()
    {
        var bytes = new List<byte>(512);
        WriteUInt16(bytes, Id);
        var flags = (IsResponse ? 0x8000 : 0) | ((Opcode & 0xF) << 11) | (Authoritative ? 0x0400 : 0) | (Truncated ? 0x0200 : 0)
            | (RecursionDesired ? 0x0100 : 0) | (RecursionAvailable ? 0x0080 : 0) | ((int)ResponseCode & 0xF);
        WriteUInt16(bytes, (ushort)flags);
        WriteUInt16(bytes, (ushort)Questions.Count);
        WriteUInt16(bytes, (ushort)Answers.Count);
        WriteUInt16(bytes, (ushort)Authorities.Count);
        WriteUInt16(bytes, (ushort)Additionals.Count);
        foreach (var question in Questions)
        {
            bytes.AddRange(DnsNames.Encode(question.Name));
            WriteUInt16(bytes, (ushort)question.Type);
            WriteUInt16(bytes, question.Class);
        }

        foreach (var record in Answers.Concat(Authorities).Concat(Additionals))
        {
            bytes.AddRange(DnsNames.Encode(record.Name));
            WriteUInt16(bytes, (ushort)record.Type);
            WriteUInt16(bytes, record.Class);
            WriteUInt16(bytes, (ushort)(record.Ttl >> 16));
            WriteUInt16(bytes, (ushort)record.Ttl);
            WriteUInt16(bytes, (ushort)record.Data.Length);
            bytes.AddRange(record.Data);
        }

        return [.. bytes];
    }

    private static void ReadRecords(ReadOnlySpan<byte> bytes, ref int offset, int count, List<DnsRecord> records)
    {
        for (var i = 0; i < count; i++)
        {
            var name = DnsNames.Read(bytes, ref offset);
            Need(bytes, offset, 10);
            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);
            var @class = BinaryPrimitives.ReadUInt16BigEndian(bytes[(offset + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + 4)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(offset + 8)..]);
            offset += 10;
            Need(bytes, offset, length);
            records.Add(new DnsRecord(name, type, @class, ttl, bytes.Slice(offset, length).ToArray()));
            offset += length;
        }
    }

    private static void Need(ReadOnlySpan<byte> bytes, int offset, int count)
    {
        if (offset + count > bytes.Length)
        {
            throw new FormatException("DNS record runs past the message");
        }
    }

    private static void WriteUInt16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }
}
