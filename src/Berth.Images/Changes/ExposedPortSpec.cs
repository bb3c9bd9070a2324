using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>EXPOSE's port specs, as go-connections' ParsePortSpec reads them: <c>[ip:][hostPort:]port[-end][/proto]</c>.</summary>
internal static class ExposedPortSpec
{
    /// <summary>The container ports a spec names, as <c>80/tcp</c>.</summary>
    public static IEnumerable<string> Ports(string spec)
    {
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? spec : spec[..slash];
        var protocol = slash < 0 || slash == spec.Length - 1 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            throw Errors.InvalidArgument($"invalid proto: {protocol}");
        }

        var port = address[(address.LastIndexOf(':') + 1)..];
        if (port.Length == 0)
        {
            throw Errors.InvalidArgument($"no port specified: {spec}<empty>");
        }

        var dash = port.IndexOf('-', StringComparison.Ordinal);
        if (!TryParsePort(dash < 0 ? port : port[..dash], out var start) || !TryParsePort(dash < 0 ? port : port[(dash + 1)..], out var end) || end < start)
        {
            throw Errors.InvalidArgument($"invalid containerPort: {port}");
        }

        return Enumerable.Range(start, end - start + 1).Select(p => $"{p}/{protocol}");
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= ushort.MaxValue;
}
