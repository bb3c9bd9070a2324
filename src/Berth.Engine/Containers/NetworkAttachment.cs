namespace Berth.Engine.Containers;

/// <summary>
/// A container's endpoint on one network: what was asked (aliases, --ip) and, while it runs, what it got
/// (address, MAC, endpoint). Keyed by network name in <see cref="ContainerRecord.Networks"/>.
/// </summary>
public sealed record NetworkAttachment
{
    public required string NetworkId { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string? RequestedIPv4 { get; init; }

    public string? RequestedMac { get; init; }

    public string EndpointId { get; init; } = "";

    public string IPAddress { get; init; } = "";

    public int PrefixLength { get; init; }

    public string Gateway { get; init; } = "";

    public string MacAddress { get; init; } = "";

    public NetworkAttachment Detached() => this with { EndpointId = "", IPAddress = "", PrefixLength = 0, Gateway = "", MacAddress = "" };
}

/// <summary>A published port while the container runs, as `port` and `ps` show it.</summary>
public sealed record PublishedPortRecord(string Protocol, int ContainerPort, string HostIp, int HostPort);
