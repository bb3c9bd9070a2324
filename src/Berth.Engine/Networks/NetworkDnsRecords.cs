using System.Net;
using Berth.Engine.Containers;
using Berth.Engine.State;
using Berth.Network.Dns;

namespace Berth.Engine.Networks;

/// <summary>
/// The names one container can resolve through the embedded DNS: the names, network aliases and short
/// IDs of running containers on the user-defined networks it shares with them.
/// </summary>
internal sealed class NetworkDnsRecords(ContainerStore containers, IReadOnlySet<string> networkIds) : IDnsRecordSource
{
    public IReadOnlyList<IPAddress>? ResolveName(string name)
    {
        var addresses = new List<IPAddress>();
        foreach (var other in containers.All.Where(c => c.State.Status.IsRunning()))
        {
            foreach (var attachment in other.Networks.Values.Where(a => networkIds.Contains(a.NetworkId) && a.IPAddress.Length > 0))
            {
                if (Names(other, attachment).Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    addresses.Add(IPAddress.Parse(attachment.IPAddress));
                }
            }
        }

        return addresses.Count > 0 ? addresses : null;
    }

    public string? ResolveAddress(IPAddress address)
    {
        var text = address.ToString();
        var owner = containers.All.FirstOrDefault(c => c.State.Status.IsRunning() &&
            c.Networks.Values.Any(a => networkIds.Contains(a.NetworkId) && a.IPAddress == text));
        return owner?.Name;
    }

    private static IEnumerable<string> Names(ContainerRecord container, NetworkAttachment attachment) =>
        attachment.Aliases.Append(container.Name).Append(container.ShortId).Append(container.Config.Hostname);
}
