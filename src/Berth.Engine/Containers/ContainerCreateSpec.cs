namespace Berth.Engine.Containers;

/// <summary>A create request as the engine sees it: the optional name, what the user set, and host settings.</summary>
public sealed record ContainerCreateSpec(string? Name, ContainerSettings Config, HostSettings Host)
{
    /// <summary>NetworkingConfig.EndpointsConfig: per network name, the aliases and addresses asked for.</summary>
    public IReadOnlyDictionary<string, EndpointRequestSettings> Endpoints { get; init; } = new Dictionary<string, EndpointRequestSettings>();
}

/// <summary>One requested endpoint: --network-alias, --ip, --mac-address.</summary>
public sealed record EndpointRequestSettings(IReadOnlyList<string> Aliases, string? IPv4Address, string? MacAddress);
