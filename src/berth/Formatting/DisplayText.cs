using System.Globalization;
using Berth.Api.Contracts;

namespace Berth.Cli.Formatting;

/// <summary>The small conversions docker's formatters apply to IDs, sizes, times and long text.</summary>
internal static class DisplayText
{
    /// <summary>stringid.TruncateID: drop an "algo:" prefix, keep 12 characters.</summary>
    public static string TruncateId(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            id = id[(colon + 1)..];
        }

        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>formatter.Ellipsis: cut to <paramref name="maxWidth"/> display columns, ending in "…".</summary>
    public static string Ellipsis(string text, int maxWidth)
    {
        if (maxWidth <= 0)
        {
            return "";
        }

        var runes = text.EnumerateRunes().ToList();
        if (maxWidth == 1)
        {
            return runes.Count > 0 ? runes[0].ToString() : "";
        }

        if (DisplayWidth.Of(text) <= maxWidth)
        {
            return text;
        }

        var width = 0;
        var kept = new System.Text.StringBuilder();
        foreach (var rune in runes)
        {
            var next = width + DisplayWidth.Of(rune.Value);
            if (next > maxWidth - 1)
            {
                break;
            }

            width = next;
            kept.Append(rune.ToString());
        }

        return kept + "…";
    }

    /// <summary>go-units HumanSizeWithPrecision: decimal units, "%.{precision}g".</summary>
    public static string HumanSize(double size, int precision = 4)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        var i = 0;
        while (size >= 1000 && i < units.Length - 1)
        {
            size /= 1000;
            i++;
        }

        return GoFloat.FormatG(size, precision) + units[i];
    }

    /// <summary>go-units BytesSize: binary units, "%.4g".</summary>
    public static string BytesSize(double size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        var i = 0;
        while (size >= 1024 && i < units.Length - 1)
        {
            size /= 1024;
            i++;
        }

        return GoFloat.FormatG(size, 4) + units[i];
    }

    /// <summary>"5 seconds ago", measured on this machine's clock as docker does.</summary>
    public static string Ago(long unixSeconds, DateTimeOffset now) =>
        Units.HumanDuration(now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)) + " ago";

    /// <summary>Go's time.Unix(s, 0).String(): "2025-06-01 10:00:00 +0000 UTC" in the local zone.</summary>
    public static string GoTime(long unixSeconds) => GoTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), TimeZoneInfo.Local);

    /// <summary>
    /// Go's String() of a time decoded from the daemon's RFC 3339 text: its own offset, all its
    /// fraction digits (trailing zeros dropped), "+0000 UTC" for Z and "+0100 +0100" for an offset.
    /// Text that is not RFC 3339 is returned as it is.
    /// </summary>
    public static string GoTime(string rfc3339)
    {
        if (rfc3339.Length < 20 || rfc3339[10] != 'T')
        {
            return rfc3339;
        }

        var zoneStart = rfc3339.IndexOfAny(['Z', '+', '-'], 19);
        if (zoneStart < 0)
        {
            return rfc3339;
        }

        var clock = rfc3339[11..zoneStart];
        if (clock.Contains('.', StringComparison.Ordinal))
        {
            clock = clock.TrimEnd('0').TrimEnd('.');
        }

        var zone = rfc3339[zoneStart..];
        var offset = zone == "Z" ? "+0000" : zone.Replace(":", "", StringComparison.Ordinal);
        return $"{rfc3339[..10]} {clock} {offset} {(zone == "Z" ? "UTC" : offset)}";
    }

    public static string GoTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abbreviation = ZoneAbbreviation(zone, local, offset);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) +
            $" {sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00} {abbreviation}";
    }

    private static string ZoneAbbreviation(TimeZoneInfo zone, DateTimeOffset local, TimeSpan offset)
    {
        if (zone.Id is "UTC" or "Etc/UTC" or "Universal" or "Zulu" && offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        if (name.Length is > 0 and <= 6 && !name.Contains(' ', StringComparison.Ordinal))
        {
            return name;
        }

        // Go prints the numeric offset when the zone has no abbreviation
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return offset.Minutes == 0 ? $"{sign}{Math.Abs(offset.Hours):00}" : $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
    }
}
