using System.Globalization;
using System.Text;
using Berth.Cli.Formatting;

namespace Berth.Cli.Templates;

/// <summary>fmt.Sprintf for the verbs templates use: %s %v %d %q %t %f %g %e %x %c %%, with flags, width and precision.</summary>
internal static class GoFormat
{
    public static string Sprintf(string format, IReadOnlyList<object?> arguments)
    {
        var output = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                output.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                output.Append("%!(NOVERB)");
                break;
            }

            var flags = "";
            while (i < format.Length && format[i] is '-' or '+' or '#' or ' ' or '0')
            {
                flags += format[i++];
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                output.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                output.Append('%');
                continue;
            }

            if (next >= arguments.Count)
            {
                output.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var value = GoValues.Normalize(arguments[next++]);
            var text = FormatOne(verb, value, flags, precision);
            output.Append(Pad(text, width, flags, verb));
        }

        if (next < arguments.Count)
        {
            output.Append("%!(EXTRA ");
            output.AppendJoin(", ", arguments.Skip(next).Select(a => $"{GoValues.TypeName(a)}={GoValues.Print(a)}"));
            output.Append(')');
        }

        return output.ToString();
    }

    /// <summary>fmt.Sprint: operands printed with %v, a space between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> arguments)
    {
        var output = new StringBuilder();
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = GoValues.Normalize(arguments[i]);
            if (i > 0 && value is not string && GoValues.Normalize(arguments[i - 1]) is not string)
            {
                output.Append(' ');
            }

            output.Append(GoValues.Print(value));
        }

        return output.ToString();
    }

    /// <summary>fmt.Sprintln: always a space between operands, and a newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> arguments) =>
        string.Join(' ', arguments.Select(GoValues.Print)) + "\n";

    /// <summary>strconv.Quote: Go escapes, printable Unicode kept.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7F)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
                    {
                        builder.Append(rune.Value > 0xFFFF ? $"\\U{rune.Value:x8}" : $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string FormatOne(char verb, object? value, string flags, int? precision)
    {
        switch (verb)
        {
            case 'v':
                return GoValues.Print(value);
            case 's':
                var text = GoValues.Print(value);
                return precision is { } p && p < text.Length ? text[..p] : text;
            case 'q':
                return value is string s ? Quote(s) : Bad(verb, value);
            case 't':
                return value is bool b ? (b ? "true" : "false") : Bad(verb, value);
            case 'd':
                return value is long l ? (flags.Contains('+', StringComparison.Ordinal) && l >= 0 ? "+" : "") + l.ToString(CultureInfo.InvariantCulture) : Bad(verb, value);
            case 'c':
                return value is long rune ? char.ConvertFromUtf32((int)rune) : Bad(verb, value);
            case 'x' or 'X':
                var hex = value switch
                {
                    long n => n.ToString("x", CultureInfo.InvariantCulture),
                    string str => Convert.ToHexString(Encoding.UTF8.GetBytes(str)).ToLowerInvariant(),
                    _ => null,
                };
                return hex is null ? Bad(verb, value) : verb == 'X' ? hex.ToUpperInvariant() : hex;
            case 'f' or 'F' or 'e' or 'g':
                if (value is not double real)
                {
                    return Bad(verb, value);
                }

                return verb switch
                {
                    'g' => precision is { } gp ? GoFloat.FormatG(real, gp) : GoFloat.FormatShortest(real),
                    'e' => real.ToString("e" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace("e+0", "e+", StringComparison.Ordinal).Replace("e-0", "e-", StringComparison.Ordinal),
                    _ => real.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                };
            default:
                return Bad(verb, value);
        }
    }

    private static string Bad(char verb, object? value) => $"%!{verb}({GoValues.TypeName(value)}={GoValues.Print(value)})";

    private static string Pad(string text, int? width, string flags, char verb)
    {
        if (width is not { } w || text.Length >= w)
        {
            return text;
        }

        if (flags.Contains('-', StringComparison.Ordinal))
        {
            return text.PadRight(w);
        }

        var zero = flags.Contains('0', StringComparison.Ordinal) && verb is 'd' or 'f' or 'g' or 'e' or 'x' or 'X';
        return text.PadLeft(w, zero ? '0' : ' ');
    }

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }
}
