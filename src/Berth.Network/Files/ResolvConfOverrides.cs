using System.Net;

namespace Berth.Network.Files;

/// <summary><c>--dns</c>, <c>--dns-search</c> and <c>--dns-option</c>: each, when given, replaces the host's.</summary>
public sealed record ResolvConfOverrides
{
    public IReadOnlyList<IPAddress>? Nameservers { get; init; }

    public IReadOnlyList<string>? Search { get; init; }

    public IReadOnlyList<string>? Options { get; init; }
}
