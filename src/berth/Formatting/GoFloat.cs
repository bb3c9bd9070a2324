using System.Globalization;
using System.Numerics;
using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Go's float formatting (strconv 'g' and fmt's %g/%v), rounding from the exact binary value
/// half-to-even as Go does, so sizes like "1.12kB" come out digit for digit.
/// </summary>
internal static class GoFloat
{
    /// <summary>fmt's %.{precision}g.</summary>
    public static string FormatG(double value, int precision)
    {
        if (value == 0)
        {
            return "0";
        }

        var (digits, point) = RoundedDigits(Math.Abs(value), Math.Max(precision, 1));
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var exponentLimit = precision;
        if (exponentLimit > digits.Length && digits.Length >= point)
        {
            exponentLimit = digits.Length;
        }

        return (value < 0 ? "-" : "") + Layout(digits, point, exponentLimit);
    }

    /// <summary>fmt's %v of a float64 (strconv 'g' with the shortest digits): exponent form below 1e-4 and from 1e6 up.</summary>
    public static string FormatShortest(double value)
    {
        if (Special(value) is { } special)
        {
            return special;
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));
        return (value < 0 ? "-" : "") + Layout(digits, point, 6);
    }

    /// <summary>encoding/json's float64: plain decimals, exponent form below 1e-6 and from 1e21 up.</summary>
    public static string FormatJson(double value)
    {
        if (Special(value) is { } special)
        {
            return special;
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        var magnitude = Math.Abs(value);
        if (magnitude < 1e-6 || magnitude >= 1e21)
        {
            var exponent = point - 1;
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)}";
        }

        return sign + Layout(digits, point, int.MaxValue);
    }

    /// <summary>The shortest digits that read back as <paramref name="value"/> (positive), and the decimal point position.</summary>
    public static (string Digits, int Point) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerLength = dot < 0 ? mantissa.Length : dot;
        var all = mantissa.Replace(".", "", StringComparison.Ordinal);
        var digits = all.TrimStart('0');
        var point = integerLength + exponent - (all.Length - digits.Length);
        digits = digits.TrimEnd('0');
        return (digits.Length > 0 ? digits : "0", point);
    }

    /// <summary>The exact decimal expansion of <paramref name="value"/> rounded half-to-even to <paramref name="significant"/> digits.</summary>
    public static (string Digits, int Point) RoundedDigits(double value, int significant)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponentBits != 0)
        {
            mantissa |= 1L << 52;
        }

        var binaryExponent = (exponentBits == 0 ? 1 : exponentBits) - 1075;
        string exact;
        int point;
        if (binaryExponent >= 0)
        {
            exact = (new BigInteger(mantissa) << binaryExponent).ToString(CultureInfo.InvariantCulture);
            point = exact.Length;
        }
        else
        {
            exact = (new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent)).ToString(CultureInfo.InvariantCulture);
            point = exact.Length + binaryExponent;
        }

        var trimmed = exact.TrimStart('0');
        point -= exact.Length - trimmed.Length;
        exact = trimmed;
        if (exact.Length <= significant)
        {
            return (exact, point);
        }

        var kept = new StringBuilder(exact[..significant]);
        var rest = exact[significant..];
        var roundUp = rest[0] > '5' || (rest[0] == '5' && (rest.AsSpan(1).ContainsAnyExcept('0') || (kept[^1] - '0') % 2 == 1));
        if (roundUp)
        {
            var i = kept.Length - 1;
            while (i >= 0 && kept[i] == '9')
            {
                kept[i--] = '0';
            }

            if (i < 0)
            {
                kept.Insert(0, '1');
                kept.Length = significant;
                point++;
            }
            else
            {
                kept[i]++;
            }
        }

        return (kept.ToString(), point);
    }

    private static string? Special(double value) => value switch
    {
        0 => double.IsNegative(value) ? "-0" : "0",
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => null,
    };

    private static string Layout(string digits, int point, int exponentLimit)
    {
        var exponent = point - 1;
        if (exponent < -4 || exponent >= exponentLimit)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }

        if (point <= 0)
        {
            return "0." + new string('0', -point) + digits;
        }

        if (point >= digits.Length)
        {
            return digits + new string('0', point - digits.Length);
        }

        return digits[..point] + "." + digits[point..];
    }
}
