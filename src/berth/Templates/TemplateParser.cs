using System.Globalization;

namespace Berth.Cli.Templates;

/// <summary>Go text/template's parser, for the subset docker's --format uses (no define/template/block).</summary>
internal sealed class TemplateParser
{
    private readonly List<TemplateToken> _tokens;
    private readonly ISet<string> _functions;
    private int _index;
    private int _rangeDepth;

    private TemplateParser(List<TemplateToken> tokens, ISet<string> functions)
    {
        _tokens = tokens;
        _functions = functions;
    }

    public static ListNode Parse(string text, ISet<string> functions)
    {
        var parser = new TemplateParser(TemplateLexer.Tokenize(text), functions);
        var (list, end) = parser.ParseList();
        if (end is not null)
        {
            throw parser.Error(end.Value, $"unexpected {{{{{end.Value.Value}}}}}");
        }

        return list;
    }

    private TemplateToken Current => _tokens[_index];

    /// <summary>Nodes up to {{end}}, {{else}} or EOF; returns the keyword token that stopped it.</summary>
    private (ListNode List, TemplateToken? Stop) ParseList()
    {
        var nodes = new List<TemplateNode>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Eof:
                    return (new ListNode(nodes), null);
                case TokenKind.Text:
                    nodes.Add(new TextNode(token.Value));
                    break;
                case TokenKind.LeftDelim:
                    SkipSpace();
                    var first = Current;
                    if (first.Kind == TokenKind.Keyword)
                    {
                        Next();
                        switch (first.Value)
                        {
                            case "end" or "else":
                                return (new ListNode(nodes), first);
                            case "if" or "range" or "with":
                                nodes.Add(ParseBranch(first));
                                break;
                            case "break" or "continue":
                                if (_rangeDepth == 0)
                                {
                                    throw Error(first, $"{{{{{first.Value}}}}} outside {{{{range}}}}");
                                }

                                ExpectRightDelim(first.Value);
                                nodes.Add(first.Value == "break" ? new BreakNode(first.Line, first.Column) : new ContinueNode(first.Line, first.Column));
                                break;
                            default:
                                throw Error(first, $"{{{{{first.Value}}}}} is not supported");
                        }
                    }
                    else
                    {
                        nodes.Add(new ActionNode(ParsePipe("command", TokenKind.RightDelim), first.Line, first.Column));
                    }

                    break;
                default:
                    throw Error(token, $"unexpected {token.Value}");
            }
        }
    }

    private BranchNode ParseBranch(TemplateToken keyword)
    {
        var pipe = ParsePipe(keyword.Value, TokenKind.RightDelim);
        if (keyword.Value == "range")
        {
            _rangeDepth++;
        }

        var (body, stop) = ParseList();
        if (keyword.Value == "range")
        {
            _rangeDepth--;
        }

        ListNode? elseList = null;
        if (stop is null)
        {
            throw Error(keyword, "unexpected EOF");
        }

        if (stop.Value.Value == "else")
        {
            SkipSpace();
            if (Current.Kind == TokenKind.Keyword && Current.Value is "if" or "with" && keyword.Value == Current.Value)
            {
                // {{else if ...}} is {{else}}{{if ...}}...{{end}}{{end}} sharing one end
                var nested = Next();
                elseList = new ListNode([ParseBranch(nested)]);
                return new BranchNode(keyword.Value, pipe, body, elseList, keyword.Line, keyword.Column);
            }

            ExpectRightDelim("else");
            var (elseBody, elseStop) = ParseList();
            if (elseStop is not { Value: "end" })
            {
                throw Error(keyword, "expected end; found " + (elseStop?.Value ?? "EOF"));
            }

            elseList = elseBody;
        }

        ExpectRightDelim("end");
        return new BranchNode(keyword.Value, pipe, body, elseList, keyword.Line, keyword.Column);
    }

    private PipeNode ParsePipe(string context, TokenKind end)
    {
        SkipSpace();
        var start = Current;
        var declarations = new List<string>();
        var isAssign = false;
        var save = _index;
        if (Current.Kind == TokenKind.Variable)
        {
            var names = new List<string> { Next().Value };
            SkipSpace();
            if (Current.Kind == TokenKind.Comma && context == "range")
            {
                Next();
                SkipSpace();
                if (Current.Kind != TokenKind.Variable)
                {
                    throw Error(Current, "range can only initialize variables");
                }

                names.Add(Next().Value);
                SkipSpace();
            }

            if (Current.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                isAssign = Next().Kind == TokenKind.Assign;
                declarations = names;
            }
            else
            {
                _index = save;
            }
        }

        var commands = new List<CommandNode>();
        while (true)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind == end)
            {
                Next();
                if (commands.Count == 0)
                {
                    throw Error(token, $"missing value for {context}");
                }

                return new PipeNode(declarations, isAssign, commands, start.Line, start.Column);
            }

            if (token.Kind is TokenKind.Eof or TokenKind.RightDelim or TokenKind.RightParen)
            {
                throw Error(token, $"unexpected {Describe(token)} in {context}");
            }

            commands.Add(ParseCommand(end));
        }
    }

    private CommandNode ParseCommand(TokenKind end)
    {
        var start = Current;
        var arguments = new List<TemplateNode>();
        while (true)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind == end || token.Kind == TokenKind.Pipe)
            {
                if (token.Kind == TokenKind.Pipe)
                {
                    Next();
                }

                if (arguments.Count == 0)
                {
                    throw Error(token, "empty command");
                }

                return new CommandNode(arguments, start.Line, start.Column);
            }

            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen or TokenKind.Eof)
            {
                throw Error(token, $"unexpected {Describe(token)} in operand");
            }

            arguments.Add(ParseOperand());
        }
    }

    private TemplateNode ParseOperand()
    {
        var node = ParseTerm();
        var fields = new List<string>();
        while (Current.Kind == TokenKind.Field)
        {
            fields.Add(Next().Value[1..]);
        }

        if (fields.Count == 0)
        {
            return node;
        }

        return node switch
        {
            FieldNode field => field with { Names = [.. field.Names, .. fields] },
            VariableNode variable => variable with { Fields = [.. variable.Fields, .. fields] },
            DotNode or ConstantNode or FunctionNode => throw Error(Current, "unexpected . after term"),
            _ => new ChainNode(node, fields, node.Line, node.Column),
        };
    }

    private TemplateNode ParseTerm()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_functions.Contains(token.Value))
                {
                    throw Error(token, $"function \"{token.Value}\" not defined");
                }

                return new FunctionNode(token.Value, token.Line, token.Column);
            case TokenKind.Dot:
                return new DotNode(token.Line, token.Column);
            case TokenKind.Nil:
                return new ConstantNode(null, token.Line, token.Column);
            case TokenKind.Variable:
                return new VariableNode(token.Value, [], token.Line, token.Column);
            case TokenKind.Field:
                return new FieldNode([token.Value[1..]], token.Line, token.Column);
            case TokenKind.Bool:
                return new ConstantNode(token.Value == "true", token.Line, token.Column);
            case TokenKind.String or TokenKind.RawString:
                return new ConstantNode(token.Value, token.Line, token.Column);
            case TokenKind.Char:
                return new ConstantNode(token.Value.Length > 0 ? (long)token.Value[0] : 0L, token.Line, token.Column);
            case TokenKind.Number:
                return new ConstantNode(ParseNumber(token), token.Line, token.Column);
            case TokenKind.LeftParen:
                var pipe = ParsePipe("parenthesized pipeline", TokenKind.RightParen);
                return new SubPipeNode(pipe, token.Line, token.Column);
            default:
                throw Error(token, $"unexpected {Describe(token)} in operand");
        }
    }

    private object ParseNumber(TemplateToken token)
    {
        var text = token.Value.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw Error(token, $"bad number syntax: \"{token.Value}\"");
    }

    private void ExpectRightDelim(string context)
    {
        SkipSpace();
        var token = Next();
        if (token.Kind != TokenKind.RightDelim)
        {
            throw Error(token, $"unexpected {Describe(token)} in {context}");
        }
    }

    private TemplateToken Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private void SkipSpace()
    {
        while (Current.Kind == TokenKind.Space)
        {
            _index++;
        }
    }

    private TemplateException Error(TemplateToken token, string message) => new($"template: :{token.Line}: {message}");

    private static string Describe(TemplateToken token) => token.Kind switch
    {
        TokenKind.RightDelim => "\"}}\"",
        TokenKind.RightParen => "\")\"",
        TokenKind.Eof => "EOF",
        _ => $"\"{token.Value}\"",
    };
}
