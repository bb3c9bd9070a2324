using System.Net;

namespace Berth.Network.Files;

/// <summary>An upstream server of the embedded DNS; <paramref name="HostLoopback"/> marks one reachable only from the host's namespace.</summary>
public sealed record ExternalNameserver(IPAddress Address, bool HostLoopback)
{
    /// <summary>As moby's resolv.conf comment lists it: <c>host(127.0.0.53)</c> or the bare address.</summary>
    public override string ToString() => HostLoopback ? $"host({Address})" : Address.ToString();
}
