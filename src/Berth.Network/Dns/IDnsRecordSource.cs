using System.Net;

namespace Berth.Network.Dns;

/// <summary>
/// The names one network knows, supplied by the engine (container names, network aliases, links of the
/// containers on the same network). Called for every query, so it must answer from memory.
/// </summary>
public interface IDnsRecordSource
{
    /// <summary>
    /// The addresses of <paramref name="name"/> (as the client sent it, without the trailing dot), or null when
    /// the name is not the network's and must be forwarded. An empty list, or one without the requested
    /// family, answers "no such record" without forwarding.
    /// </summary>
    IReadOnlyList<IPAddress>? ResolveName(string name);

    /// <summary>The name for a reverse lookup of <paramref name="address"/>, or null to forward the query.</summary>
    string? ResolveAddress(IPAddress address);
}
