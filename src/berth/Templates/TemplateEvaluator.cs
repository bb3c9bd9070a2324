using System.Text;
using System.Text.Json;

namespace Berth.Cli.Templates;

/// <summary>Executes a parsed template over JSON documents and template objects, with text/template's semantics.</summary>
internal sealed class TemplateEvaluator
{
    private readonly TemplateFunctions _functions;
    private readonly StringBuilder _output;
    private readonly List<(string Name, object? Value)> _variables = [];

    public TemplateEvaluator(TemplateFunctions functions, StringBuilder output)
    {
        _functions = functions;
        _output = output;
    }

    public void Execute(ListNode root, object? data)
    {
        _variables.Add(("$", data));
        Walk(data, root);
    }

    private void Walk(object? dot, TemplateNode node)
    {
        switch (node)
        {
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Walk(dot, child);
                }

                break;
            case TextNode text:
                _output.Append(text.Text);
                break;
            case ActionNode action:
                var value = EvalPipe(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    _output.Append(GoValues.Print(value));
                }

                break;
            case BranchNode { Keyword: "range" } range:
                WalkRange(dot, range);
                break;
            case BranchNode branch:
                var mark = _variables.Count;
                var condition = EvalPipe(dot, branch.Pipe);
                if (GoValues.IsTrue(condition))
                {
                    Walk(branch.Keyword == "with" ? condition : dot, branch.Body);
                }
                else if (branch.Else is not null)
                {
                    Walk(dot, branch.Else);
                }

                _variables.RemoveRange(mark, _variables.Count - mark);
                break;
            case BreakNode:
                throw new LoopBreak();
            case ContinueNode:
                throw new LoopContinue();
        }
    }

    private void WalkRange(object? dot, BranchNode range)
    {
        var mark = _variables.Count;
        var pipe = range.Pipe with { Declarations = [] };
        var collection = GoValues.Normalize(EvalPipe(dot, pipe));
        var items = collection switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select((e, i) => ((object?)(long)i, (object?)e)).ToList(),
            JsonElement { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => ((object?)p.Name, (object?)p.Value)).ToList(),
            IReadOnlyDictionary<string, object?> dictionary => dictionary.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ((object?)p.Key, p.Value)).ToList(),
            IReadOnlyList<object?> list => list.Select((e, i) => ((object?)(long)i, e)).ToList(),
            long count => Enumerable.Range(0, (int)count).Select(i => ((object?)(long)i, (object?)(long)i)).ToList(),
            null => [],
            _ => throw new TemplateException($"template: :{range.Line}:{range.Column}: executing \"\" at <{Describe(range.Pipe)}>: range can't iterate over {GoValues.Print(collection)}"),
        };

        if (items.Count == 0)
        {
            if (range.Else is not null)
            {
                Walk(dot, range.Else);
            }

            return;
        }

        foreach (var (key, element) in items)
        {
            var iteration = _variables.Count;
            switch (range.Pipe.Declarations.Count)
            {
                case 1:
                    _variables.Add((range.Pipe.Declarations[0], element));
                    break;
                case 2:
                    _variables.Add((range.Pipe.Declarations[0], key));
                    _variables.Add((range.Pipe.Declarations[1], element));
                    break;
            }

            try
            {
                Walk(element, range.Body);
            }
            catch (LoopBreak)
            {
                break;
            }
            catch (LoopContinue)
            {
                // next element
            }
            finally
            {
                _variables.RemoveRange(iteration, _variables.Count - iteration);
            }
        }

        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private object? EvalPipe(object? dot, PipeNode pipe)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, hasFinal, value);
            hasFinal = true;
        }

        foreach (var name in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                var index = _variables.FindLastIndex(v => v.Name == name);
                if (index < 0)
                {
                    throw Fail(pipe, $"undefined variable: {name}");
                }

                _variables[index] = (name, value);
            }
            else
            {
                _variables.Add((name, value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, bool hasFinal, object? final)
    {
        var first = command.Arguments[0];
        var arguments = command.Arguments.Skip(1).ToList();
        switch (first)
        {
            case FieldNode field:
                return EvalFields(dot, dot, field.Names, arguments, hasFinal, final, field);
            case ChainNode chain:
                return EvalFields(dot, EvalArgument(dot, chain.Node), chain.Fields, arguments, hasFinal, final, chain);
            case VariableNode variable when variable.Fields.Count > 0:
                return EvalFields(dot, Variable(variable), variable.Fields, arguments, hasFinal, final, variable);
            case FunctionNode function:
                return CallFunction(dot, function, arguments, hasFinal, final);
        }

        if (arguments.Count > 0 || hasFinal)
        {
            throw Fail(first, $"can't give argument to non-function {Describe(first)}");
        }

        return EvalArgument(dot, first);
    }

    private object? EvalArgument(object? dot, TemplateNode node) => node switch
    {
        DotNode => dot,
        ConstantNode constant => constant.Value,
        VariableNode { Fields.Count: 0 } variable => Variable(variable),
        VariableNode variable => EvalFields(dot, Variable(variable), variable.Fields, [], false, null, variable),
        FieldNode field => EvalFields(dot, dot, field.Names, [], false, null, field),
        ChainNode chain => EvalFields(dot, EvalArgument(dot, chain.Node), chain.Fields, [], false, null, chain),
        SubPipeNode sub => EvalPipe(dot, sub.Pipe),
        FunctionNode function => CallFunction(dot, function, [], false, null),
        _ => throw Fail(node, "can't handle argument"),
    };

    private object? CallFunction(object? dot, FunctionNode function, List<TemplateNode> argumentNodes, bool hasFinal, object? final)
    {
        if (function.Name is "and" or "or")
        {
            var values = argumentNodes.Select(n => (Func<object?>)(() => EvalArgument(dot, n))).ToList();
            if (hasFinal)
            {
                values.Add(() => final);
            }

            if (values.Count == 0)
            {
                throw Fail(function, $"wrong number of args for {function.Name}: want at least 1 got 0");
            }

            object? result = null;
            foreach (var value in values)
            {
                result = value();
                if (GoValues.IsTrue(result) == (function.Name == "or"))
                {
                    return result;
                }
            }

            return result;
        }

        var arguments = argumentNodes.Select(n => EvalArgument(dot, n)).ToList();
        if (hasFinal)
        {
            arguments.Add(final);
        }

        if (!_functions.TryGet(function.Name, out var body))
        {
            throw Fail(function, $"\"{function.Name}\" is not a defined function");
        }

        try
        {
            return body(arguments);
        }
        catch (TemplateException e) when (!e.Message.StartsWith("template:", StringComparison.Ordinal))
        {
            throw Fail(function, e.Message.StartsWith("error calling", StringComparison.Ordinal) ? e.Message : $"error calling {function.Name}: {e.Message}");
        }
    }

    private object? EvalFields(object? dot, object? receiver, IReadOnlyList<string> names, List<TemplateNode> argumentNodes, bool hasFinal, object? final, TemplateNode node)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var last = i == names.Count - 1;
            var arguments = last ? argumentNodes.Select(n => EvalArgument(dot, n)).ToList() : [];
            if (last && hasFinal)
            {
                arguments.Add(final);
            }

            receiver = Field(receiver, names[i], arguments, node);
        }

        return receiver;
    }

    private object? Field(object? receiver, string name, List<object?> arguments, TemplateNode node)
    {
        var value = GoValues.Normalize(receiver);
        switch (value)
        {
            case ITemplateObject template:
                if (template.TryGetField(name, arguments, out var result))
                {
                    return result;
                }

                throw Fail(node, $"can't evaluate field {name} in type {template.TypeName}");
            case JsonElement { ValueKind: JsonValueKind.Object } map:
                if (arguments.Count > 0)
                {
                    throw Fail(node, $"{name} has arguments but cannot be invoked as function");
                }

                if (map.TryGetProperty(name, out var exact))
                {
                    return exact;
                }

                // docker tries its typed structs first, where "ID" names what the JSON calls "Id"
                foreach (var property in map.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return property.Value;
                    }
                }

                throw Fail(node, $"map has no entry for key \"{name}\"");
            case IReadOnlyDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out var entry) ? entry : GoValues.NoValue;
            case null:
                throw Fail(node, $"nil pointer evaluating interface {{}}.{name}");
            default:
                throw Fail(node, $"can't evaluate field {name} in type {GoValues.TypeName(value)}");
        }
    }

    private object? Variable(VariableNode variable)
    {
        var index = _variables.FindLastIndex(v => v.Name == variable.Name);
        return index >= 0 ? _variables[index].Value : throw Fail(variable, $"undefined variable: {variable.Name}");
    }

    private static TemplateException Fail(TemplateNode node, string message) =>
        new($"template: :{Math.Max(node.Line, 1)}:{node.Column}: executing \"\" at <{Describe(node)}>: {message}");

    private static string Describe(TemplateNode node) => node switch
    {
        FieldNode field => "." + string.Join('.', field.Names),
        VariableNode variable => variable.Name + string.Concat(variable.Fields.Select(f => "." + f)),
        ChainNode chain => "(" + Describe(chain.Node) + ")." + string.Join('.', chain.Fields),
        FunctionNode function => function.Name,
        DotNode => ".",
        ConstantNode constant => constant.Value is string s ? $"\"{s}\"" : GoValues.Print(constant.Value),
        SubPipeNode sub => "(" + Describe(sub.Pipe) + ")",
        PipeNode pipe => string.Join(" | ", pipe.Commands.Select(Describe)),
        CommandNode command => string.Join(' ', command.Arguments.Select(Describe)),
        _ => "",
    };

    private sealed class LoopBreak : Exception;

    private sealed class LoopContinue : Exception;
}
