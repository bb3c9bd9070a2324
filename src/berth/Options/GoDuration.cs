using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>Go's time.ParseDuration ("1h30m", "500ms", "2.5s") in nanoseconds.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Nanoseconds)[] Units =
    [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ];

    public static long Parse(string text)
    {
        var original = text;
        var sign = 1;
        if (text.StartsWith('-') || text.StartsWith('+'))
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
        }

        if (text == "0")
        {
            return 0;
        }

        if (text.Length == 0)
        {
            throw Invalid(original);
        }

        double total = 0;
        while (text.Length > 0)
        {
            var numberEnd = 0;
            while (numberEnd < text.Length && (char.IsAsciiDigit(text[numberEnd]) || text[numberEnd] == '.'))
            {
                numberEnd++;
            }

            if (numberEnd == 0 || !double.TryParse(text[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw Invalid(original);
            }

            text = text[numberEnd..];
            var unitEnd = 0;
            while (unitEnd < text.Length && !char.IsAsciiDigit(text[unitEnd]) && text[unitEnd] != '.')
            {
                unitEnd++;
            }

            if (unitEnd == 0)
            {
                throw new FormatException($"time: missing unit in duration {GoQuote(original)}");
            }

            var unit = text[..unitEnd];
            var match = Units.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit is null)
            {
                throw new FormatException($"time: unknown unit {GoQuote(unit)} in duration {GoQuote(original)}");
            }

            total += value * match.Nanoseconds;
            text = text[unitEnd..];
        }

        return sign * (long)total;
    }

    private static FormatException Invalid(string text) => new($"time: invalid duration {GoQuote(text)}");

    private static string GoQuote(string text) => Berth.Client.GoJson.Quote(text, escapeHtml: false);
}
