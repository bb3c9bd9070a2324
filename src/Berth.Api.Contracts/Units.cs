using System.Globalization;

namespace Berth.Api.Contracts;

/// <summary>
/// Docker's human-readable units (go-units) and time format, shared by the daemon (ps Status)
/// and the CLI (sizes, "Created ... ago") so both print exactly what Docker prints.
/// </summary>
public static class Units
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>"Less than a second", "5 seconds", "About a minute", "3 hours", "2 weeks"...</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return $"{seconds} seconds";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return $"{minutes} minutes";
        }

        var hours = (long)(d.TotalHours + 0.5);
        if (hours == 1)
        {
            return "About an hour";
        }

        if (hours < 48)
        {
            return $"{hours} hours";
        }

        if (hours < 24 * 7 * 2)
        {
            return $"{hours / 24} days";
        }

        if (hours < 24 * 30 * 2)
        {
            return $"{hours / 24 / 7} weeks";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24 / 30} months";
        }

        return $"{(long)d.TotalHours / 24 / 365} years";
    }

    /// <summary>Decimal size with 4 significant digits: "4.26MB", "1.235GB" (go-units HumanSize).</summary>
    public static string HumanSize(double size) => Scaled(size, 1000, DecimalUnits);

    /// <summary>Binary size with 4 significant digits: "23.47GiB" (go-units BytesSize).</summary>
    public static string BytesSize(double size) => Scaled(size, 1024, BinaryUnits);

    private static string Scaled(double size, double unitBase, string[] units)
    {
        var i = 0;
        while (size >= unitBase && i < units.Length - 1)
        {
            size /= unitBase;
            i++;
        }

        return size.ToString("G4", CultureInfo.InvariantCulture) + units[i];
    }

    /// <summary>RFC 3339 with up to 9 fractional digits, trailing zeros trimmed, as Go's time.RFC3339Nano.</summary>
    public static string Rfc3339Nano(DateTime utc)
    {
        if (utc == default)
        {
            return "0001-01-01T00:00:00Z";
        }

        return utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an RFC 3339 time as Docker writes it (UTC).</summary>
    public static DateTime ParseRfc3339(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
