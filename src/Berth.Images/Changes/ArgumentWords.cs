using System.Text;
using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>How BuildKit's parser cuts an instruction's arguments into words, before any variable is expanded.</summary>
internal static class ArgumentWords
{
    /// <summary>
    /// Words separated by unquoted whitespace, keeping their quotes and escapes for the expansion that follows
    /// (BuildKit's parseWords).
    /// </summary>
    public static List<string> Quoted(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var blankOk = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
                else if (ch == '\\' && quote != '\'')
                {
                    if (i + 1 == text.Length)
                    {
                        quote = '\0';
                        continue;
                    }

                    word.Append(ch);
                    ch = text[++i];
                }

                word.Append(ch);
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (inWord && (blankOk || word.Length > 0))
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                inWord = blankOk = false;
                continue;
            }

            inWord = true;
            if (ch is '\'' or '"')
            {
                quote = ch;
                blankOk = true;
            }
            else if (ch == '\\')
            {
                // An escape at the very end is dropped; otherwise it stays with its character for the expansion.
                if (i + 1 == text.Length)
                {
                    continue;
                }

                word.Append(ch);
                ch = text[++i];
            }

            word.Append(ch);
        }

        if (inWord && (blankOk || word.Length > 0))
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Words separated by whitespace, nothing else (BuildKit's parseStringsWhitespaceDelimited).</summary>
    public static List<string> Plain(string text) =>
        [.. text.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// The exec form <c>["a", "b"]</c> of CMD and friends as its strings, or null for the shell form
    /// (anything that is not a JSON array). A JSON array of anything but strings is an error, as in BuildKit.
    /// </summary>
    public static List<string>? JsonForm(string text)
    {
        if (!text.StartsWith('['))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                items.Add(item.ValueKind == JsonValueKind.String
                    ? item.GetString()!
                    : throw Errors.InvalidArgument("when using JSON array syntax, arrays must be comprised of strings only"));
            }

            return items;
        }
    }
}
