using System.Text;

namespace Berth.Images.Changes;

/// <summary>
/// One Dockerfile instruction as BuildKit's parser cuts it from text: continuation lines (ending in <c>\</c>)
/// joined, comment and blank lines dropped, the keyword split from its arguments.
/// </summary>
/// <param name="Keyword">As written (<c>env</c>, <c>ENV</c>).</param>
/// <param name="Arguments">The rest of the instruction, trimmed.</param>
internal sealed record InstructionLine(string Keyword, string Arguments)
{
    public static List<InstructionLine> Parse(string text)
    {
        var instructions = new List<InstructionLine>();
        var pending = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var continues = EndsWithContinuation(line, out var content);
            pending.Append(pending.Length == 0 ? content.TrimStart() : content);
            if (!continues)
            {
                instructions.Add(Split(pending.ToString()));
                pending.Clear();
            }
        }

        if (pending.Length > 0)
        {
            instructions.Add(Split(pending.ToString()));
        }

        return instructions;
    }

    private static bool EndsWithContinuation(string line, out string content)
    {
        var end = line.TrimEnd(' ', '\t');
        var continues = end.EndsWith('\\');
        content = continues ? end[..^1] : line;
        return continues;
    }

    private static InstructionLine Split(string instruction)
    {
        instruction = instruction.Trim();
        var space = instruction.AsSpan().IndexOfAny(" \t");
        return space < 0
            ? new InstructionLine(instruction, "")
            : new InstructionLine(instruction[..space], instruction[(space + 1)..].Trim());
    }
}
