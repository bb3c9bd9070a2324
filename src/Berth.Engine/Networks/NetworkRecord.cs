namespace Berth.Engine.Networks;

/// <summary>A network: the predefined bridge/host/none, or a user-defined bridge with its own subnet.</summary>
public sealed record NetworkRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>"bridge", "host" or "null".</summary>
    public required string Driver { get; init; }

    public required DateTime Created { get; init; }

    /// <summary>The Linux bridge (berth0 for the default network, br-&lt;id12&gt; for others); empty for host/none.</summary>
    public string BridgeName { get; init; } = "";

    /// <summary>CIDR, e.g. 172.17.0.0/16; empty for host/none.</summary>
    public string Subnet { get; init; } = "";

    public string Gateway { get; init; } = "";

    public bool Internal { get; init; }

    public bool Attachable { get; init; }

    public bool EnableIPv6 { get; init; }

    /// <summary>True for bridge, host and none: they cannot be removed.</summary>
    public bool Predefined { get; init; }

    /// <summary>Whether the subnet was chosen by the user (IPAM Config shown as given).</summary>
    public bool UserSubnet { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public bool IsBridge => Driver == "bridge";

    /// <summary>User-defined networks get the embedded DNS; the default bridge has links instead.</summary>
    public bool IsUserDefined => !Predefined;
}
