using System.Globalization;
using Berth.Api.Contracts.Containers;

namespace Berth.Cli.Options;

/// <summary>go-units ParseUlimit: "nofile=1024[:2048]".</summary>
internal static class UlimitSpec
{
    private static readonly HashSet<string> Names =
        ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    public static Ulimit Parse(string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2)
        {
            throw new FormatException($"invalid ulimit argument: {value}");
        }

        if (!Names.Contains(parts[0]))
        {
            throw new FormatException($"invalid ulimit type: {parts[0]}");
        }

        var limits = parts[1].Split(':');
        if (limits.Length > 2)
        {
            throw new FormatException($"too many limit value arguments - {parts[1]}, can only have up to two, `soft[:hard]`");
        }

        var soft = ParseInt(limits[0]);
        var hard = limits.Length == 2 ? ParseInt(limits[1]) : soft;
        if (hard != -1)
        {
            if (soft == -1)
            {
                throw new FormatException($"ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: {hard}");
            }

            if (soft > hard)
            {
                throw new FormatException($"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
            }
        }

        return new Ulimit { Name = parts[0], Soft = soft, Hard = hard };
    }

    private static long ParseInt(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"strconv.ParseInt: parsing {Berth.Client.GoJson.Quote(text, false)}: invalid syntax");
}
