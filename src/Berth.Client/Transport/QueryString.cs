using System.Text;

namespace Berth.Client.Transport;

/// <summary>
/// Query parameters encoded as Go's url.Values.Encode does: keys sorted, values escaped with
/// QueryEscape (space as '+'). The docker CLI's requests look exactly like this on the wire.
/// </summary>
public sealed class QueryString
{
    private readonly SortedDictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public QueryString Set(string key, string value)
    {
        _values[key] = [value];
        return this;
    }

    /// <summary>Sets <paramref name="key"/>=1 when <paramref name="flag"/> is true, the CLI's boolean spelling.</summary>
    public QueryString SetFlag(string key, bool flag)
    {
        if (flag)
        {
            Set(key, "1");
        }

        return this;
    }

    public QueryString SetIfNotEmpty(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Set(key, value);
        }

        return this;
    }

    public QueryString Add(string key, string value)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
        }

        list.Add(value);
        return this;
    }

    public string Encode()
    {
        var builder = new StringBuilder();
        foreach (var (key, values) in _values)
        {
            foreach (var value in values)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                AppendEscaped(builder, key, query: true);
                builder.Append('=');
                AppendEscaped(builder, value, query: true);
            }
        }

        return builder.ToString();
    }

    public override string ToString() => Encode();

    /// <summary>Escapes a URL path as Go's URL.EscapedPath: '/' and the sub-delimiters stay as they are.</summary>
    public static string EscapePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder(path.Length);
        AppendEscaped(builder, path, query: false);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text, bool query)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && IsUnescaped((char)rune.Value, query))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            if (query && rune.Value == ' ')
            {
                builder.Append('+');
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                builder.Append('%').Append(utf8[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool IsUnescaped(char c, bool query) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ||
        (!query && c is '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '@');
}
