using System.Globalization;
using System.Net;
using Berth.Api.Contracts;
using Berth.Api.Contracts.Containers;

namespace Berth.Cli.Options;

/// <summary>
/// go-connections/nat port specs: "-p [ip:][hostPort:]containerPort[/proto]" (ranges allowed),
/// the long form "published=8080,target=80,protocol=udp", and "--expose port[-port][/proto]".
/// </summary>
internal static class PortSpecs
{
    /// <summary>Exposed ports and bindings, keyed "80/tcp" and sorted as Go's encoder writes maps.</summary>
    public static (SortedDictionary<string, EmptyObject> Exposed, SortedDictionary<string, List<PortBinding>> Bindings) Parse(IEnumerable<string> publish, IEnumerable<string> expose)
    {
        var exposed = new SortedDictionary<string, EmptyObject>(StringComparer.Ordinal);
        var bindings = new SortedDictionary<string, List<PortBinding>>(StringComparer.Ordinal);
        foreach (var spec in publish.Select(ToStandardNotation))
        {
            foreach (var (port, binding) in ParseSpec(spec))
            {
                exposed.TryAdd(port, EmptyObject.Instance);
                if (!bindings.TryGetValue(port, out var list))
                {
                    bindings[port] = list = [];
                }

                list.Add(binding);
            }
        }

        foreach (var e in expose)
        {
            if (e.Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"invalid port format for --expose: {e}");
            }

            var (proto, port) = SplitProtoPort(e);
            (int Start, int End) range;
            try
            {
                range = ParseRange(port);
            }
            catch (FormatException error)
            {
                throw new FormatException($"invalid range format for --expose: {e}, error: {error.Message}");
            }

            for (var p = range.Start; p <= range.End; p++)
            {
                exposed.TryAdd($"{p.ToString(CultureInfo.InvariantCulture)}/{proto}", EmptyObject.Instance);
            }
        }

        return (exposed, bindings);
    }

    public static (string Proto, string Port) SplitProtoPort(string raw)
    {
        var parts = raw.Split('/');
        if (raw.Length == 0 || parts[0].Length == 0)
        {
            return ("", "");
        }

        if (parts.Length == 1 || parts[1].Length == 0)
        {
            return ("tcp", parts[0]);
        }

        return (parts[1], parts[0]);
    }

    /// <summary>nat.ParsePortRange: "80" or "8000-9000".</summary>
    public static (int Start, int End) ParseRange(string ports)
    {
        if (ports.Length == 0)
        {
            throw new FormatException("empty string specified for ports");
        }

        if (!ports.Contains('-', StringComparison.Ordinal))
        {
            var single = ParseUint16(ports);
            return (single, single);
        }

        var parts = ports.Split('-');
        var start = ParseUint16(parts[0]);
        var end = ParseUint16(parts[1]);
        if (end < start)
        {
            throw new FormatException($"invalid range specified for port: {ports}");
        }

        return (start, end);
    }

    private static string ToStandardNotation(string publish)
    {
        if (!publish.Contains('=', StringComparison.Ordinal))
        {
            return publish;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["protocol"] = "tcp" };
        foreach (var parameter in publish.Split(','))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"invalid publish opts format (should be name=value but got '{parameter}')");
            }

            parameters[parameter[..equals]] = parameter[(equals + 1)..];
        }

        return $"{parameters.GetValueOrDefault("published", "")}:{parameters.GetValueOrDefault("target", "")}/{parameters["protocol"]}";
    }

    private static IEnumerable<(string Port, PortBinding Binding)> ParseSpec(string raw)
    {
        var parts = raw.Split(':');
        var containerPort = parts[^1];
        var (ip, hostPort) = parts.Length switch
        {
            1 => ("", ""),
            2 => ("", parts[0]),
            3 => (parts[0], parts[1]),
            _ => (string.Join(':', parts[..^2]), parts[^2]),
        };
        var (proto, port) = SplitProtoPort(containerPort);
        if (ip.StartsWith('['))
        {
            if (!ip.EndsWith(']'))
            {
                throw new FormatException($"invalid IP address {ip}: address {ip}:: missing ']' in address");
            }

            ip = ip[1..^1];
        }

        if (ip.Length > 0 && !IPAddress.TryParse(ip, out _))
        {
            throw new FormatException($"invalid IP address: {ip}");
        }

        if (port.Length == 0)
        {
            throw new FormatException($"no port specified: {raw}<empty>");
        }

        (int Start, int End) ports;
        try
        {
            ports = ParseRange(port);
        }
        catch (FormatException)
        {
            throw new FormatException($"invalid containerPort: {port}");
        }

        (int Start, int End) hostPorts = (0, 0);
        if (hostPort.Length > 0)
        {
            try
            {
                hostPorts = ParseRange(hostPort);
            }
            catch (FormatException)
            {
                throw new FormatException($"invalid hostPort: {hostPort}");
            }
        }

        if (hostPort.Length > 0 && ports.End - ports.Start != hostPorts.End - hostPorts.Start && ports.End != ports.Start)
        {
            throw new FormatException($"invalid ranges specified for container and host Ports: {port} and {hostPort}");
        }

        var protocol = proto.ToLowerInvariant();
        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            throw new FormatException($"invalid proto: {proto}");
        }

        for (var i = 0; i <= ports.End - ports.Start; i++)
        {
            var host = hostPort;
            if (hostPort.Length > 0)
            {
                host = (hostPorts.Start + i).ToString(CultureInfo.InvariantCulture);
            }

            if (ports.Start == ports.End && hostPorts.Start != hostPorts.End)
            {
                host = $"{host}-{hostPorts.End.ToString(CultureInfo.InvariantCulture)}";
            }

            yield return ($"{(ports.Start + i).ToString(CultureInfo.InvariantCulture)}/{protocol}", new PortBinding { HostIp = ip, HostPort = host });
        }
    }

    private static int ParseUint16(string text)
    {
        if (!ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            var syntax = text.Length > 0 && text.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
            throw new FormatException($"strconv.ParseUint: parsing {Berth.Client.GoJson.Quote(text, false)}: {syntax}");
        }

        return value;
    }
}
