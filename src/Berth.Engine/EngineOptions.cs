namespace Berth.Engine;

/// <summary>How an engine instance is set up: where its data lives, its default runtime and its network names.</summary>
public sealed record EngineOptions
{
    public string DataRoot { get; init; } = "/var/lib/berth";

    /// <summary>"crun" (default) or "runc"; null lets the runtime catalog decide.</summary>
    public string? DefaultRuntime { get; init; }

    /// <summary>
    /// The tag on everything this engine puts on the host's network (iptables comments and chains, veth
    /// aliases) and the prefix of its bridge names: two engines on one host never touch each other's.
    /// </summary>
    public string NetworkTag { get; init; } = "berth";

    /// <summary>The default bridge's address and prefix (dockerd's --bip), e.g. 172.17.0.1/16; null picks the first free default pool.</summary>
    public string? BridgeIp { get; init; }

    /// <summary>Registries reached over plain HTTP besides loopback ones (dockerd's --insecure-registry): host[:port] or CIDR.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Per-registry CA and client certificates: <c>HOST[:PORT]/ca.crt</c>, <c>client.cert</c>, <c>client.key</c>.</summary>
    public string RegistryCertsDirectory { get; init; } = "/etc/berth/certs.d";
}
