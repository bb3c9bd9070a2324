using Berth.Engine.Containers;

namespace Berth.Engine.Networks;

/// <summary>What starting a container's network gave: where its namespace is, its endpoints and ports, its files and link env.</summary>
public sealed record NetworkSetup
{
    /// <summary>The network namespace for the runtime to join; null lets the runtime make one with only loopback.</summary>
    public string? NetnsPath { get; init; }

    public bool HostNetwork { get; init; }

    public IReadOnlyDictionary<string, NetworkAttachment> Endpoints { get; init; } = new Dictionary<string, NetworkAttachment>();

    public IReadOnlyList<PublishedPortRecord> Ports { get; init; } = [];

    public required string HostsFile { get; init; }

    public required string ResolvConf { get; init; }

    public IReadOnlyList<string> LinkEnvironment { get; init; } = [];
}
