using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Cli.Options;

/// <summary>opts.NetworkOpt: "--network name" or the long form "name=n,alias=a,ip=...,driver-opt=k=v".</summary>
internal sealed partial record NetworkAttachment(
    string Target,
    List<string>? Aliases = null,
    Dictionary<string, string>? DriverOpts = null,
    string IPv4Address = "",
    string IPv6Address = "",
    List<string>? LinkLocalIPs = null,
    string MacAddress = "",
    int GwPriority = 0)
{
    public List<string>? Links { get; set; }

    public static NetworkAttachment Parse(string value)
    {
        if (!LongSyntax().IsMatch(value))
        {
            return new NetworkAttachment(value);
        }

        var attachment = new NetworkAttachment("", Aliases: []);
        foreach (var field in Csv.ReadRecord(value))
        {
            var lower = field.ToLowerInvariant();
            var equals = lower.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"invalid field {field}");
            }

            var key = lower[..equals].Trim();
            var val = lower[(equals + 1)..].Trim();
            attachment = key switch
            {
                "name" => attachment with { Target = val },
                "alias" => attachment with { Aliases = [.. attachment.Aliases ?? [], val] },
                "ip" => attachment with { IPv4Address = val },
                "ip6" => attachment with { IPv6Address = val },
                "mac-address" => attachment with { MacAddress = val },
                "link-local-ip" => attachment with { LinkLocalIPs = [.. attachment.LinkLocalIPs ?? [], val] },
                "driver-opt" => attachment with { DriverOpts = WithDriverOpt(attachment.DriverOpts, val) },
                "gw-priority" => attachment with { GwPriority = ParsePriority(val) },
                _ => throw new FormatException("invalid field key " + key),
            };
        }

        return attachment.Target.Length == 0 ? throw new FormatException("network name/id is not specified") : attachment;
    }

    /// <summary>container.NetworkMode.IsUserDefined.</summary>
    public static bool IsUserDefined(string mode) =>
        mode is not ("default" or "bridge" or "host" or "none") && !mode.StartsWith("container:", StringComparison.Ordinal);

    private static Dictionary<string, string> WithDriverOpt(Dictionary<string, string>? options, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new FormatException("invalid key value pair format in driver options");
        }

        var result = options is null ? [] : new Dictionary<string, string>(options);
        result[value[..equals].Trim()] = value[(equals + 1)..].Trim();
        return result;
    }

    private static int ParsePriority(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            ? priority
            : throw new FormatException($"invalid gw-priority ({value}): invalid syntax");

    [GeneratedRegex(@"\w+=\w+(,\w+=\w+)*")]
    private static partial Regex LongSyntax();
}
