using System.Text;
using Berth.Cli.Cli;

namespace Berth.Cli.Options;

/// <summary>
/// docker's kvfile: one KEY[=VALUE] per line for --env-file and --label-file; leading whitespace,
/// blank lines and '#' comments are skipped; a KEY without value takes it from the environment
/// (env files only) or is dropped.
/// </summary>
internal static class KeyValueFile
{
    public static List<string> Read(string path, Func<string, string?>? lookup)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (OsError.IsFileError(e))
        {
            var reason = OsError.Describe("open", path, e);
            throw new FormatException(reason.StartsWith("read ", StringComparison.Ordinal) ? $"invalid env file ({path}): {reason}" : reason);
        }

        try
        {
            return Parse(bytes, lookup);
        }
        catch (FormatException e)
        {
            throw new FormatException($"invalid env file ({path}): {e.Message}");
        }
    }

    public static List<string> Parse(byte[] content, Func<string, string?>? lookup)
    {
        var lines = new List<string>();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var lineNumber = 0;
        foreach (var raw in Split(content))
        {
            lineNumber++;
            string text;
            try
            {
                text = strict.GetString(raw);
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException($"invalid utf8 bytes at line {lineNumber}: [{string.Join(' ', raw)}]");
            }

            if (lineNumber == 1 && text.StartsWith('\uFEFF'))
            {
                text = text[1..];
            }

            var line = text.TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? line : line[..equals];
            if (key.Length == 0)
            {
                throw new FormatException($"no variable name on line '{line}'");
            }

            if (key.Contains(' ', StringComparison.Ordinal) || key.Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException($"variable '{key}' contains whitespaces");
            }

            if (equals >= 0)
            {
                lines.Add(line);
            }
            else if (lookup?.Invoke(line) is { } value)
            {
                lines.Add(key + "=" + value);
            }
        }

        return lines;
    }

    private static IEnumerable<byte[]> Split(byte[] content)
    {
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i == content.Length || content[i] == '\n')
            {
                if (i == content.Length && start == i)
                {
                    yield break;
                }

                var end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                yield return content[start..end];
                start = i + 1;
            }
        }
    }
}
