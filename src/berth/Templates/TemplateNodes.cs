namespace Berth.Cli.Templates;

/// <summary>The parsed template (text/template/parse's node kinds).</summary>
internal abstract record TemplateNode(int Line, int Column);

internal sealed record ListNode(IReadOnlyList<TemplateNode> Nodes) : TemplateNode(0, 0);

internal sealed record TextNode(string Text) : TemplateNode(0, 0);

internal sealed record ActionNode(PipeNode Pipe, int Line, int Column) : TemplateNode(Line, Column);

/// <summary>if / range / with: a pipeline, its body and the else body.</summary>
internal sealed record BranchNode(string Keyword, PipeNode Pipe, ListNode Body, ListNode? Else, int Line, int Column) : TemplateNode(Line, Column);

internal sealed record BreakNode(int Line, int Column) : TemplateNode(Line, Column);

internal sealed record ContinueNode(int Line, int Column) : TemplateNode(Line, Column);

/// <summary>Commands joined by "|", with optional variable declarations ($x := ...).</summary>
internal sealed record PipeNode(IReadOnlyList<string> Declarations, bool IsAssign, IReadOnlyList<CommandNode> Commands, int Line, int Column) : TemplateNode(Line, Column);

internal sealed record CommandNode(IReadOnlyList<TemplateNode> Arguments, int Line, int Column) : TemplateNode(Line, Column);

/// <summary>.A.B: field lookups on dot.</summary>
internal sealed record FieldNode(IReadOnlyList<string> Names, int Line, int Column) : TemplateNode(Line, Column);

/// <summary>$x.A.B.</summary>
internal sealed record VariableNode(string Name, IReadOnlyList<string> Fields, int Line, int Column) : TemplateNode(Line, Column);

/// <summary>(pipeline).A.B.</summary>
internal sealed record ChainNode(TemplateNode Node, IReadOnlyList<string> Fields, int Line, int Column) : TemplateNode(Line, Column);

internal sealed record DotNode(int Line, int Column) : TemplateNode(Line, Column);

internal sealed record FunctionNode(string Name, int Line, int Column) : TemplateNode(Line, Column);

internal sealed record ConstantNode(object? Value, int Line, int Column) : TemplateNode(Line, Column);

internal sealed record SubPipeNode(PipeNode Pipe, int Line, int Column) : TemplateNode(Line, Column);
