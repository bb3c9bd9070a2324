namespace Berth.Network;

/// <summary>
/// The names by which Berth recognises what it created, so cleanup finds every piece and nothing else:
/// veths carry the alias <c>&lt;Tag&gt;:&lt;containerId&gt;</c>, per-container rules the comment
/// <c>&lt;Tag&gt;:&lt;containerId&gt;</c>, per-network rules <c>&lt;Tag&gt;-net:&lt;bridge&gt;</c>, and all rules live
/// in chains starting with <see cref="ChainPrefix"/>. Tests use their own values so they never touch the
/// daemon's.
/// </summary>
public sealed record NetworkNaming
{
    public static NetworkNaming Default { get; } = new();

    public string Tag { get; init; } = "berth";

    public string ChainPrefix { get; init; } = "BERTH";

    public string VethPrefix { get; init; } = "veth";

    /// <summary>A daemon's names from its --network-tag: the tag itself, and its upper case for the chains.</summary>
    public static NetworkNaming ForTag(string tag) => new() { Tag = tag, ChainPrefix = tag.ToUpperInvariant() };

    internal string ContainerTag(string containerId) => $"{Tag}:{containerId}";

    internal string NetworkTag(string bridge) => $"{Tag}-net:{bridge}";

    internal string? ContainerOf(string tag) =>
        tag.StartsWith(Tag + ":", StringComparison.Ordinal) ? tag[(Tag.Length + 1)..] : null;

    internal string? BridgeOf(string tag) =>
        tag.StartsWith(Tag + "-net:", StringComparison.Ordinal) ? tag[(Tag.Length + 5)..] : null;
}
