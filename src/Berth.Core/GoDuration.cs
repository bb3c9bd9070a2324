using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Core;

/// <summary>Go's time.ParseDuration format, which Docker's flags and filters use: "300ms", "1.5h", "2h45m".</summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var negative = text.StartsWith('-');
        var rest = text.TrimStart('-', '+');
        if (rest == "0")
        {
            return true;
        }

        double ticks = 0;
        while (rest.Length > 0)
        {
            var match = Part().Match(rest);
            if (!match.Success)
            {
                duration = TimeSpan.Zero;
                return false;
            }

            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += match.Groups[2].Value switch
            {
                "ns" => value / 100,
                "us" or "µs" => value * 10,
                "ms" => value * TimeSpan.TicksPerMillisecond,
                "s" => value * TimeSpan.TicksPerSecond,
                "m" => value * TimeSpan.TicksPerMinute,
                _ => value * TimeSpan.TicksPerHour,
            };
            rest = rest[match.Length..];
        }

        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Go's Duration.String for non-negative durations: "300ms", "1.5s", "1m30s", "2h0m0s", "0s".</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }

        if (ticks < TimeSpan.TicksPerMillisecond)
        {
            return (ticks / 10.0).ToString("0.###", CultureInfo.InvariantCulture) + "µs";
        }

        if (ticks < TimeSpan.TicksPerSecond)
        {
            return ((double)ticks / TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture) + "ms";
        }

        var seconds = ((double)(ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
        var minutes = ticks / TimeSpan.TicksPerMinute;
        return minutes == 0 ? seconds
            : minutes < 60 ? $"{minutes}m{seconds}"
            : $"{minutes / 60}h{minutes % 60}m{seconds}";
    }
}
