using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Go's json.Indent and json.Compact over the daemon's raw bytes: only the whitespace between tokens
/// changes, so strings and numbers print exactly as the daemon sent them.
/// </summary>
internal static class JsonLayout
{
    public static string Indent(ReadOnlySpan<byte> json, string indent) => Layout(json, indent);

    public static string Compact(ReadOnlySpan<byte> json) => Layout(json, null);

    private static string Layout(ReadOnlySpan<byte> json, string? indent)
    {
        var text = Encoding.UTF8.GetString(json);
        var output = new StringBuilder(text.Length * 2);
        var depth = 0;
        var pendingNewline = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (pendingNewline)
            {
                pendingNewline = false;
                if (c is not (']' or '}'))
                {
                    depth++;
                    NewLine(output, indent, depth);
                }
                else
                {
                    output.Append(c);
                    continue;
                }
            }

            switch (c)
            {
                case '"':
                    var end = i + 1;
                    while (end < text.Length && text[end] != '"')
                    {
                        end += text[end] == '\\' ? 2 : 1;
                    }

                    output.Append(text, i, Math.Min(end + 1, text.Length) - i);
                    i = end;
                    break;
                case '{' or '[':
                    output.Append(c);
                    pendingNewline = indent is not null;
                    break;
                case '}' or ']':
                    if (indent is not null)
                    {
                        depth--;
                        NewLine(output, indent, depth);
                    }

                    output.Append(c);
                    break;
                case ',':
                    output.Append(c);
                    if (indent is not null)
                    {
                        NewLine(output, indent, depth);
                    }

                    break;
                case ':':
                    output.Append(indent is null ? ":" : ": ");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    private static void NewLine(StringBuilder output, string? indent, int depth)
    {
        output.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            output.Append(indent);
        }
    }
}
