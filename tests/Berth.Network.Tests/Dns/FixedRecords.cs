using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

/// <summary>A network's names as the engine would supply them.</summary>
internal sealed class FixedRecords(Dictionary<string, IPAddress[]> names) : IDnsRecordSource
{
    public IReadOnlyList<IPAddress>? ResolveName(string name) => names.GetValueOrDefault(name);

    public string? ResolveAddress(IPAddress address) =>
        names.FirstOrDefault(n => n.Value.Contains(address)).Key;
}
