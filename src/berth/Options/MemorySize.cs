using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>go-units RAMInBytes: "16m", "1g", "1.5GiB", "1024" (bytes); binary multiples, case-insensitive, "b" optional.</summary>
internal static class MemorySize
{
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.LastIndexOfAny("01234567890. ".ToCharArray());
        if (separator < 0)
        {
            throw new FormatException($"invalid size: '{text}'");
        }

        string number;
        string suffix;
        if (text[separator] != ' ')
        {
            number = text[..(separator + 1)];
            suffix = text[(separator + 1)..];
        }
        else
        {
            number = text[..separator];
            suffix = text[(separator + 1)..];
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"strconv.ParseFloat: parsing \"{number}\": invalid syntax");
        }

        if (size < 0)
        {
            throw new FormatException($"invalid size: '{text}'");
        }

        if (suffix.Length == 0)
        {
            return (long)size;
        }

        var lower = suffix.ToLowerInvariant();
        if (lower.Length > 3)
        {
            throw BadSuffix(lower);
        }

        if (lower[0] == 'b')
        {
            return lower.Length > 1 ? throw BadSuffix(lower) : (long)size;
        }

        var multiplier = lower[0] switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            'p' => 1L << 50,
            _ => throw BadSuffix(lower),
        };

        if ((lower.Length == 2 && lower[1] != 'b') || (lower.Length == 3 && lower[1..] != "ib"))
        {
            throw BadSuffix(lower);
        }

        return (long)(size * multiplier);
    }

    private static FormatException BadSuffix(string suffix) => new($"invalid suffix: '{suffix}'");
}
