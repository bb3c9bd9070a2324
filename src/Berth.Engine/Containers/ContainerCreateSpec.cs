namespace Berth.Engine.Containers;

/// <summary>A create request as the engine sees it: the optional name, what the user set, and host settings.</summary>
public sealed record ContainerCreateSpec(string? Name, ContainerSettings Config, HostSettings Host);
