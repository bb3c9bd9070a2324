using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Network.Files;

/// <summary>What goes into a container's /etc/hosts.</summary>
public sealed record HostsFileSpec
{
    /// <summary>The container's hostname (by default the first 12 hex digits of its id); null writes no line of its own.</summary>
    public string? Hostname { get; init; }

    public string? DomainName { get; init; }

    /// <summary>The container's addresses, one line each with its hostname.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary><c>--add-host</c> entries, in order.</summary>
    public IReadOnlyList<HostsEntry> ExtraHosts { get; init; } = [];

    public IReadOnlyList<HostsLink> Links { get; init; } = [];

    /// <summary>False when the container has IPv6 disabled: IPv6 lines are left out.</summary>
    public bool IPv6 { get; init; } = true;
}

/// <summary>
/// Builds /etc/hosts as Docker does (libnetwork etchosts.Build and the sandbox's updates): the default
/// lines, the <c>--add-host</c> entries, the container's own line, then one line per link; TAB-separated.
/// </summary>
public static class HostsFile
{
    private static readonly HostsEntry[] DefaultIPv4 = [new(IPAddress.Loopback, "localhost")];

    private static readonly HostsEntry[] DefaultIPv6 =
    [
        new(IPAddress.IPv6Loopback, "localhost ip6-localhost ip6-loopback"),
        new(IPAddress.Parse("fe00::"), "ip6-localnet"),
        new(IPAddress.Parse("ff00::"), "ip6-mcastprefix"),
        new(IPAddress.Parse("ff02::1"), "ip6-allnodes"),
        new(IPAddress.Parse("ff02::2"), "ip6-allrouters"),
    ];

    public static string Build(HostsFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entries = new List<HostsEntry>(DefaultIPv4);
        if (spec.IPv6)
        {
            entries.AddRange(DefaultIPv6);
        }

        entries.AddRange(spec.ExtraHosts);
        if (spec.Hostname is { Length: > 0 } hostname)
        {
            var names = OwnNames(hostname, spec.DomainName);
            entries.AddRange(spec.Addresses.Select(a => new HostsEntry(a, names)));
        }

        entries.AddRange(spec.Links.Select(l => l.ToEntry()));
        var text = new StringBuilder();
        foreach (var entry in entries.Where(e => spec.IPv6 || e.Address.AddressFamily != AddressFamily.InterNetworkV6))
        {
            text.Append(entry.Address).Append('\t').Append(entry.Names).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The FQDN, then the bare hostname when they differ: "web.example.com web".</summary>
    private static string OwnNames(string hostname, string? domain)
    {
        var fqdn = string.IsNullOrEmpty(domain) ? hostname : $"{hostname}.{domain}";
        var dot = fqdn.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? $"{fqdn} {fqdn[..dot]}" : fqdn;
    }
}
