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
}
