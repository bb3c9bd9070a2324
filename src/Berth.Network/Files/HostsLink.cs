using System.Net;

namespace Berth.Network.Files;

/// <summary>A <c>--link</c> child as the parent's /etc/hosts names it.</summary>
/// <param name="ChildName">The child's name without the leading slash.</param>
public sealed record HostsLink(IPAddress ChildAddress, string Alias, string ChildHostname, string ChildName)
{
    /// <summary>"alias hostname [name]": the name only when it differs from the alias (moby addLegacyLinks).</summary>
    public HostsEntry ToEntry() =>
        new(ChildAddress, Alias == ChildName ? $"{Alias} {ChildHostname}" : $"{Alias} {ChildHostname} {ChildName}");
}
