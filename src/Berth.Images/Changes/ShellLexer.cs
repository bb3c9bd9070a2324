using System.Text;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>
/// The variable expansion of Dockerfile instructions (BuildKit's frontend/dockerfile/shell): quotes are removed,
/// <c>\</c> escapes, and <c>$NAME</c>, <c>${NAME}</c> and <c>${NAME:-word}</c>, <c>:+</c>, <c>:?</c> (and the forms
/// without <c>:</c>) are replaced from the image's environment. An unset variable expands to nothing.
/// </summary>
internal sealed class ShellLexer
{
    private const char Escape = '\\';

    private readonly string _text;
    private readonly IReadOnlyDictionary<string, string> _env;
    private int _pos;

    private ShellLexer(string text, IReadOnlyDictionary<string, string> env)
    {
        _text = text;
        _env = env;
    }

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>One word: whitespace is kept.</summary>
    public static string ProcessWord(string text, IReadOnlyDictionary<string, string> env) =>
        new ShellLexer(text, env).Until(stop: null);

    /// <summary>Words split at unquoted whitespace, including whitespace that an unquoted expansion brings (EXPOSE's rule).</summary>
    public static List<string> ProcessWords(string text, IReadOnlyDictionary<string, string> env) =>
        new ShellLexer(text, env).Words();

    private List<string> Words()
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }

        while (!AtEnd)
        {
            var ch = _text[_pos];
            if (char.IsWhiteSpace(ch))
            {
                _pos++;
                EndWord();
                continue;
            }

            if (ch != '$')
            {
                word.Append(ch switch
                {
                    '\'' => SingleQuoted(),
                    '"' => DoubleQuoted(),
                    _ => Literal(),
                });
                inWord = true;
                continue;
            }

            foreach (var c in Dollar())
            {
                if (char.IsWhiteSpace(c))
                {
                    EndWord();
                }
                else
                {
                    word.Append(c);
                    inWord = true;
                }
            }
        }

        EndWord();
        return words;
    }

    /// <summary>Processes up to <paramref name="stop"/> (consumed) or the end.</summary>
    private string Until(char? stop)
    {
        var result = new StringBuilder();
        while (!AtEnd)
        {
            var ch = _text[_pos];
            if (ch == stop)
            {
                _pos++;
                return result.ToString();
            }

            result.Append(ch switch
            {
                '\'' => SingleQuoted(),
                '"' => DoubleQuoted(),
                '$' => Dollar(),
                _ => Literal(),
            });
        }

        return stop is { } missing
            ? throw Errors.InvalidArgument($"unexpected end of statement while looking for matching {missing}")
            : result.ToString();
    }

    /// <summary>One character, or the one an escape protects; an escape at the very end is dropped.</summary>
    private string Literal()
    {
        var ch = _text[_pos++];
        if (ch != Escape)
        {
            return ch.ToString();
        }

        return AtEnd ? "" : _text[_pos++].ToString();
    }

    private string SingleQuoted()
    {
        var close = _text.IndexOf('\'', _pos + 1);
        if (close < 0)
        {
            throw Errors.InvalidArgument("unexpected end of statement while looking for matching single-quote");
        }

        var text = _text[(_pos + 1)..close];
        _pos = close + 1;
        return text;
    }

    /// <summary>Inside double quotes variables expand, and <c>\</c> escapes only <c>"</c>, <c>$</c> and itself.</summary>
    private string DoubleQuoted()
    {
        var result = new StringBuilder();
        _pos++;
        while (true)
        {
            if (AtEnd)
            {
                throw Errors.InvalidArgument("unexpected end of statement while looking for matching double-quote");
            }

            var ch = _text[_pos];
            if (ch == '"')
            {
                _pos++;
                return result.ToString();
            }

            if (ch == '$')
            {
                result.Append(Dollar());
                continue;
            }

            _pos++;
            if (ch == Escape)
            {
                if (AtEnd)
                {
                    continue;
                }

                if (_text[_pos] is '"' or '$' or Escape)
                {
                    ch = _text[_pos++];
                }
            }

            result.Append(ch);
        }
    }

    private string Dollar()
    {
        _pos++;
        if (AtEnd || _text[_pos] != '{')
        {
            var bare = Name();
            return bare.Length == 0 ? "$" : Lookup(bare) ?? "";
        }

        _pos++;
        var name = Name();
        if (AtEnd)
        {
            throw Errors.InvalidArgument("syntax error: missing '}'");
        }

        var modifier = _text[_pos++];
        if (modifier == '}')
        {
            return Lookup(name) ?? "";
        }

        var emptyIsUnset = modifier == ':';
        if (emptyIsUnset)
        {
            modifier = AtEnd ? '\0' : _text[_pos++];
        }

        var word = Until('}');
        var value = Lookup(name);
        var set = emptyIsUnset ? !string.IsNullOrEmpty(value) : value is not null;
        return modifier switch
        {
            '-' => set ? value! : word,
            '+' => set ? word : "",
            '?' => set ? value! : throw Errors.InvalidArgument($"{name}: {(word.Length > 0 ? word : "is not allowed to be unset")}"),
            _ => throw Errors.InvalidArgument($"unsupported modifier ({modifier}) in substitution"),
        };
    }

    private string Name()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string? Lookup(string name) => _env.TryGetValue(name, out var value) ? value : null;
}
