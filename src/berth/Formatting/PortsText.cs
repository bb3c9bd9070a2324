using System.Globalization;
using Berth.Api.Contracts.Containers;

namespace Berth.Cli.Formatting;

/// <summary>
/// formatter.DisplayablePorts: "0.0.0.0:80->80/tcp, [::]:80->80/tcp, 443/tcp", consecutive ports
/// grouped into ranges, mappings to a different host port listed last.
/// </summary>
internal static class PortsText
{
    public static string Display(IEnumerable<Port> ports)
    {
        var sorted = ports.OrderBy(p => p.PrivatePort).ThenBy(p => p.IP ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.PublicPort).ThenBy(p => p.Type, StringComparer.Ordinal).ToList();
        var groups = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        var result = new List<string>();
        var hostMappings = new List<string>();
        foreach (var port in sorted)
        {
            var current = port.PrivatePort;
            var key = port.Type;
            if (!string.IsNullOrEmpty(port.IP))
            {
                if (port.PublicPort != current)
                {
                    hostMappings.Add($"{JoinHostPort(port.IP, port.PublicPort.ToString(CultureInfo.InvariantCulture))}->{port.PrivatePort}/{port.Type}");
                    continue;
                }

                key = port.IP + "/" + port.Type;
            }

            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = (current, current);
                groupOrder.Add(key);
                continue;
            }

            if (current == group.Last + 1)
            {
                groups[key] = (group.First, current);
                continue;
            }

            result.Add(FormGroup(key, group.First, group.Last));
            groups[key] = (current, current);
        }

        result.AddRange(groupOrder.Select(key => FormGroup(key, groups[key].First, groups[key].Last)));
        result.AddRange(hostMappings);
        return string.Join(", ", result);
    }

    public static string JoinHostPort(string host, string port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string FormGroup(string key, int first, int last)
    {
        var parts = key.Split('/');
        var type = parts[0];
        var ip = "";
        if (parts.Length > 1)
        {
            ip = parts[0];
            type = parts[1];
        }

        var group = first.ToString(CultureInfo.InvariantCulture);
        if (first != last)
        {
            group += "-" + last.ToString(CultureInfo.InvariantCulture);
        }

        if (ip.Length > 0)
        {
            group = $"{JoinHostPort(ip, group)}->{group}";
        }

        return group + "/" + type;
    }
}
