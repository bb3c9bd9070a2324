using System.Globalization;
using System.Numerics;

namespace Berth.Cli.Options;

/// <summary>opts.ParseCPUs: a rational number of CPUs ("1.5", "3/2") as an integer count of nano-CPUs.</summary>
internal static class NanoCpus
{
    public static long Parse(string text)
    {
        if (!TryParseRational(text.Trim(), out var numerator, out var denominator))
        {
            throw new FormatException($"failed to parse {text} as a rational number");
        }

        var nano = numerator * 1_000_000_000;
        if (nano % denominator != 0)
        {
            throw new FormatException("value is too precise");
        }

        return (long)(nano / denominator);
    }

    private static bool TryParseRational(string text, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = BigInteger.Zero;
        denominator = BigInteger.One;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numerator) &&
                   BigInteger.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out denominator) &&
                   !denominator.IsZero;
        }

        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? text : text[..dot] + text[(dot + 1)..];
        if (digits is "" or "-" or "+" || !BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numerator))
        {
            return false;
        }

        exponent -= dot < 0 ? 0 : text.Length - dot - 1;
        if (exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, exponent);
        }
        else
        {
            denominator = BigInteger.Pow(10, -exponent);
        }

        return true;
    }
}
