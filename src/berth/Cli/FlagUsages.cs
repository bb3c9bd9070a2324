using System.Text;

namespace Berth.Cli.Cli;

/// <summary>pflag's FlagUsagesWrapped: one line per visible flag, sorted by name, usage text wrapped to the terminal width.</summary>
internal static class FlagUsages
{
    public static string Render(IEnumerable<IFlag> flags, int columns)
    {
        var lines = new List<(string Left, string Usage)>();
        var maxLength = 0;
        foreach (var flag in flags.Where(f => !f.Option.Hidden).OrderBy(f => f.LongName, StringComparer.Ordinal))
        {
            var left = flag.Shorthand is { } s ? $"  -{s}, --{flag.LongName}" : $"      --{flag.LongName}";
            if (flag.TypeName.Length > 0)
            {
                left += " " + flag.TypeName;
            }

            // pflag measures the line up to and including its NUL placeholder
            maxLength = Math.Max(maxLength, left.Length + 1);
            var usage = flag.Usage;
            if (flag.DefaultText is { } defaultText)
            {
                usage += $" (default {defaultText})";
            }

            lines.Add((left, usage));
        }

        var builder = new StringBuilder();
        foreach (var (left, usage) in lines)
        {
            builder.Append(left).Append(' ').Append(' ', maxLength - left.Length).Append(' ');
            builder.Append(Wrap(maxLength + 2, columns, usage)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>pflag's wrap: the first line is indented by the caller, the rest by <paramref name="indent"/>.</summary>
    internal static string Wrap(int indent, int width, string text)
    {
        if (width == 0)
        {
            return text.Replace("\n", "\n" + new string(' ', indent), StringComparison.Ordinal);
        }

        var space = width - indent;
        var result = new StringBuilder();
        if (space < 24)
        {
            indent = 16;
            space = width - indent;
            result.Append('\n').Append(' ', indent);
        }

        if (space < 24)
        {
            return text.Replace("\n", result.ToString(), StringComparison.Ordinal);
        }

        const int slop = 5;
        space -= slop;
        var padding = "\n" + new string(' ', indent);
        var (line, rest) = WrapN(space, slop, text);
        result.Append(line.Replace("\n", padding, StringComparison.Ordinal));
        while (rest.Length > 0)
        {
            (line, rest) = WrapN(space, slop, rest);
            result.Append(padding).Append(line.Replace("\n", padding, StringComparison.Ordinal));
        }

        return result.ToString();
    }

    private static (string Line, string Remainder) WrapN(int length, int slop, string text)
    {
        if (length + slop > text.Length)
        {
            return (text, "");
        }

        var head = text[..length];
        var space = head.LastIndexOfAny([' ', '\t', '\n']);
        if (space <= 0)
        {
            return (text, "");
        }

        var newline = head.LastIndexOf('\n');
        if (newline > 0 && newline < space)
        {
            return (text[..newline], text[(newline + 1)..]);
        }

        return (text[..space], text[(space + 1)..]);
    }
}
