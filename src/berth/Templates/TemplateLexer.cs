using System.Text;

namespace Berth.Cli.Templates;

internal enum TokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Field,
    Variable,
    Identifier,
    Dot,
    String,
    RawString,
    Char,
    Number,
    Bool,
    Nil,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
    Keyword,
    Eof,
}

internal readonly record struct TemplateToken(TokenKind Kind, string Value, int Line, int Column);

/// <summary>Go text/template's lexer: text, "{{" actions "}}" with "-" trim markers, and the tokens inside actions.</summary>
internal sealed class TemplateLexer
{
    private static readonly HashSet<string> Keywords = ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly string _input;
    private readonly List<TemplateToken> _tokens = [];
    private int _position;
    private int _parenDepth;

    private TemplateLexer(string input) => _input = input;

    public static List<TemplateToken> Tokenize(string input)
    {
        var lexer = new TemplateLexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_position < _input.Length)
        {
            var start = _input.IndexOf("{{", _position, StringComparison.Ordinal);
            if (start < 0)
            {
                Emit(TokenKind.Text, _input[_position..], _position);
                _position = _input.Length;
                break;
            }

            var text = _input[_position..start];
            var trimLeft = start + 3 < _input.Length && _input[start + 2] == '-' && IsSpace(_input[start + 3]);
            if (trimLeft)
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
            }

            if (text.Length > 0)
            {
                Emit(TokenKind.Text, text, _position);
            }

            _position = start + 2 + (trimLeft ? 2 : 0);
            if (_input.AsSpan(_position).StartsWith("/*"))
            {
                SkipComment(start);
                continue;
            }

            Emit(TokenKind.LeftDelim, "{{", start);
            LexInsideAction(start);
        }

        Emit(TokenKind.Eof, "", _input.Length);
    }

    private void SkipComment(int start)
    {
        var end = _input.IndexOf("*/", _position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(start, "unclosed comment");
        }

        _position = end + 2;
        var trimRight = _input.AsSpan(_position).StartsWith(" -}}");
        if (trimRight)
        {
            _position += 4;
            SkipLeadingSpace();
        }
        else if (_input.AsSpan(_position).StartsWith("}}"))
        {
            _position += 2;
        }
        else
        {
            throw Error(start, "comment ends before closing delimiter");
        }
    }

    private void LexInsideAction(int actionStart)
    {
        while (true)
        {
            if (_position >= _input.Length)
            {
                throw Error(actionStart, "unclosed action");
            }

            if (_input.AsSpan(_position).StartsWith(" -}}") || _input.AsSpan(_position).StartsWith("\t-}}") || _input.AsSpan(_position).StartsWith("\n-}}"))
            {
                Emit(TokenKind.RightDelim, "}}", _position);
                _position += 4;
                SkipLeadingSpace();
                return;
            }

            if (_input.AsSpan(_position).StartsWith("}}"))
            {
                if (_parenDepth > 0)
                {
                    throw Error(_position, "unclosed left paren");
                }

                Emit(TokenKind.RightDelim, "}}", _position);
                _position += 2;
                return;
            }

            var c = _input[_position];
            var start = _position;
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    while (_position < _input.Length && IsSpace(_input[_position]) && !_input.AsSpan(_position).StartsWith(" -}}"))
                    {
                        _position++;
                    }

                    Emit(TokenKind.Space, " ", start);
                    break;
                case '|':
                    _position++;
                    Emit(TokenKind.Pipe, "|", start);
                    break;
                case '(':
                    _position++;
                    _parenDepth++;
                    Emit(TokenKind.LeftParen, "(", start);
                    break;
                case ')':
                    _position++;
                    if (--_parenDepth < 0)
                    {
                        throw Error(start, "unexpected right paren");
                    }

                    Emit(TokenKind.RightParen, ")", start);
                    break;
                case ',':
                    _position++;
                    Emit(TokenKind.Comma, ",", start);
                    break;
                case ':':
                    if (Peek(1) != '=')
                    {
                        throw Error(start, "expected :=");
                    }

                    _position += 2;
                    Emit(TokenKind.Declare, ":=", start);
                    break;
                case '=':
                    _position++;
                    Emit(TokenKind.Assign, "=", start);
                    break;
                case '"':
                    Emit(TokenKind.String, ReadQuoted(start), start);
                    break;
                case '`':
                    var close = _input.IndexOf('`', _position + 1);
                    if (close < 0)
                    {
                        throw Error(start, "unterminated raw quoted string");
                    }

                    Emit(TokenKind.RawString, _input[(_position + 1)..close], start);
                    _position = close + 1;
                    break;
                case '\'':
                    var quoted = ReadQuoted(start, '\'');
                    Emit(TokenKind.Char, quoted, start);
                    break;
                case '$':
                    _position++;
                    ReadWord();
                    Emit(TokenKind.Variable, _input[start.._position], start);
                    break;
                case '.':
                    if (char.IsAsciiDigit(Peek(1)))
                    {
                        Emit(TokenKind.Number, ReadNumber(), start);
                        break;
                    }

                    _position++;
                    if (IsWordChar(Peek(0)))
                    {
                        ReadWord();
                        Emit(TokenKind.Field, _input[start.._position], start);
                    }
                    else
                    {
                        Emit(TokenKind.Dot, ".", start);
                    }

                    break;
                default:
                    if (char.IsAsciiDigit(c) || ((c is '-' or '+') && (char.IsAsciiDigit(Peek(1)) || Peek(1) == '.')))
                    {
                        Emit(TokenKind.Number, ReadNumber(), start);
                    }
                    else if (IsWordChar(c))
                    {
                        ReadWord();
                        var word = _input[start.._position];
                        var kind = word switch
                        {
                            "true" or "false" => TokenKind.Bool,
                            "nil" => TokenKind.Nil,
                            _ when Keywords.Contains(word) => TokenKind.Keyword,
                            _ => TokenKind.Identifier,
                        };
                        Emit(kind, word, start);
                    }
                    else
                    {
                        throw Error(start, $"unrecognized character in action: {Describe(c)}");
                    }

                    break;
            }
        }
    }

    private string ReadQuoted(int start, char quote = '"')
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _input.Length || _input[_position] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }

            var c = _input[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _input[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case '0' or '1' or '2' or '3' or '4' or '5' or '6' or '7':
                    builder.Append((char)Convert.ToInt32(_input.Substring(_position - 1, 3), 8));
                    _position += 2;
                    break;
                case 'x':
                    builder.Append((char)Convert.ToInt32(_input.Substring(_position, 2), 16));
                    _position += 2;
                    break;
                case 'u':
                    builder.Append((char)Convert.ToInt32(_input.Substring(_position, 4), 16));
                    _position += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        if (_input[_position] is '-' or '+')
        {
            _position++;
        }

        while (_position < _input.Length && (char.IsAsciiLetterOrDigit(_input[_position]) || _input[_position] is '.' or '_' ||
               ((_input[_position] is '+' or '-') && _input[_position - 1] is 'e' or 'E' or 'p' or 'P')))
        {
            _position++;
        }

        return _input[start.._position];
    }

    private void ReadWord()
    {
        while (_position < _input.Length && IsWordChar(_input[_position]))
        {
            _position++;
        }
    }

    private void SkipLeadingSpace()
    {
        while (_position < _input.Length && IsSpace(_input[_position]))
        {
            _position++;
        }
    }

    private char Peek(int offset) => _position + offset < _input.Length ? _input[_position + offset] : '\0';

    private void Emit(TokenKind kind, string value, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < _input.Length; i++)
        {
            if (_input[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        _tokens.Add(new TemplateToken(kind, value, line, offset - lineStart));
    }

    private TemplateException Error(int offset, string message)
    {
        var line = 1 + _input.AsSpan(0, Math.Min(offset, _input.Length)).Count('\n');
        return new TemplateException($"template: :{line}: {message}");
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static string Describe(char c) => $"U+{(int)c:X4} '{c}'";
}

/// <summary>A template that does not parse or does not execute; the message is Go's "template: ..." text.</summary>
internal sealed class TemplateException(string message) : Exception(message);
