namespace Berth.Network.Dns;

/// <summary>A question: the name (without the trailing dot), the type and the class (1 = IN).</summary>
internal sealed record DnsQuestion(string Name, DnsRecordType Type, ushort Class = DnsRecord.ClassInternet);
