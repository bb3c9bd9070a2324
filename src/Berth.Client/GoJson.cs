using System.Globalization;
using System.Text;

namespace Berth.Client;

/// <summary>JSON strings escaped exactly as Go's encoding/json writes them.</summary>
public static class GoJson
{
    /// <summary>Appends <paramref name="value"/> as a quoted JSON string; <paramref name="escapeHtml"/> is json.Marshal's default.</summary>
    public static void AppendString(StringBuilder builder, string value, bool escapeHtml)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        builder.Append('"');
        foreach (var rune in EnumerateRunesLossy(value))
        {
            var c = rune.Value;
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < 0x20:
                case '<' or '>' or '&' when escapeHtml:
                case 0x2028 or 0x2029:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        builder.Append('"');
    }

    public static string Quote(string value, bool escapeHtml = true)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendString(builder, value, escapeHtml);
        return builder.ToString();
    }

    private static IEnumerable<Rune> EnumerateRunesLossy(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                yield return rune;
                i += consumed;
            }
            else
            {
                yield return Rune.ReplacementChar;
                i++;
            }
        }
    }
}
