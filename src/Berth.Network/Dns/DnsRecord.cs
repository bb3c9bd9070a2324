using System.Net;

namespace Berth.Network.Dns;

/// <summary>A resource record with its RDATA as bytes; PTR RDATA holds an uncompressed name.</summary>
internal sealed record DnsRecord(string Name, DnsRecordType Type, ushort Class, uint Ttl, byte[] Data)
{
    public const ushort ClassInternet = 1;

    public static DnsRecord Address(string name, IPAddress address, uint ttl) =>
        new(name, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.Aaaa, ClassInternet, ttl, address.GetAddressBytes());

    public static DnsRecord Pointer(string name, string target, uint ttl) =>
        new(name, DnsRecordType.Ptr, ClassInternet, ttl, DnsNames.Encode(target));
}
