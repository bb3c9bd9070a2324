namespace Berth.Network.Dns;

/// <summary>The resource record types the embedded server answers or recognises (RFC 1035, 3596, 6891).</summary>
internal enum DnsRecordType : ushort
{
    A = 1,
    Ptr = 12,
    Aaaa = 28,
    Opt = 41,
}
