using System.Globalization;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands;

/// <summary>
/// docker's timetypes.GetTimestamp for --since/--until: a duration ("42m") is that long before now,
/// a date or RFC 3339 time becomes "seconds.nanoseconds", a number is passed through.
/// </summary>
internal static class Timestamps
{
    public static string? ToApi(string value, DateTimeOffset now, string flag)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value != "0")
        {
            try
            {
                var nanoseconds = GoDuration.Parse(value);
                return (now - TimeSpan.FromTicks(nanoseconds / 100)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                // not a duration: a time, or seconds since the epoch
            }
        }

        var withZone = value.IndexOfAny(['z', 'Z', '+']) >= 0 || value.Count(c => c == '-') == 3;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HHK", "yyyy-MM-ddK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyy-MM-dd"];
        var styles = withZone ? DateTimeStyles.AdjustToUniversal : DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, styles, out var time))
        {
            var nanos = (time.Ticks % TimeSpan.TicksPerSecond) * 100;
            return $"{time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{nanos.ToString("000000000", CultureInfo.InvariantCulture)}";
        }

        if (value.Contains('-', StringComparison.Ordinal) || !IsUnixTimestamp(value))
        {
            throw new CliStatusException(1, $"invalid value for \"{flag}\": failed to parse value as time or duration: {Flags.GoQuote(value)}");
        }

        return value;
    }

    private static bool IsUnixTimestamp(string value)
    {
        var parts = value.Split('.');
        return parts.Length <= 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }
}
