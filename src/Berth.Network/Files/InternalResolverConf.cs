namespace Berth.Network.Files;

/// <summary>A container's resolv.conf pointing at the embedded DNS, and the servers that DNS forwards to.</summary>
public sealed record InternalResolverConf(string Content, IReadOnlyList<ExternalNameserver> Upstreams);
