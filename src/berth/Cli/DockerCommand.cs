using System.CommandLine;

namespace Berth.Cli.Cli;

/// <summary>
/// A leaf command (run, ps, rm...): its usage line, argument rule and flags as the docker CLI
/// declares them. Subclasses add their flags and implement <see cref="ExecuteAsync"/>.
/// </summary>
internal abstract class DockerCommand : Command
{
    protected DockerCommand(string name, string usageArgs, string description, ArgsRule args, params string[] aliases)
        : base(name, description)
    {
        UsageArgs = usageArgs;
        Args = args;
        foreach (var alias in aliases)
        {
            Aliases.Add(alias);
        }

        Operands = new Argument<string[]>("operands") { Arity = ArgumentArity.ZeroOrMore };
        Add(Operands);
    }

    /// <summary>What follows the name in the usage line: "[OPTIONS] CONTAINER [CONTAINER...]".</summary>
    public string UsageArgs { get; }

    public ArgsRule Args { get; }

    /// <summary>False for run/create/exec: flags end at the first positional argument (the image or container).</summary>
    public bool Interspersed { get; protected init; } = true;

    /// <summary>The "Aliases:" help text, written with "docker" for the program name.</summary>
    public string? AliasesText { get; protected init; }

    /// <summary>Position among the root help's "Common Commands", if listed there.</summary>
    public int? TopRank { get; protected init; }

    /// <summary>Text for help instead of the description (cobra's Long).</summary>
    public string? LongDescription { get; protected init; }

    /// <summary>The "Examples:" help block, if any.</summary>
    public string? Examples { get; protected init; }

    /// <summary>The positional arguments after flag parsing (everything after "--" included).</summary>
    public Argument<string[]> Operands { get; }

    public IEnumerable<IFlag> DeclaredFlags => Options.OfType<IFlag>();

    public abstract Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct);

    protected static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}

/// <summary>A management command (container, image...): a name that groups leaf commands, made when named.</summary>
internal sealed class CommandGroup(string name, string description, params SubcommandSlot[] slots) : ParentCommand(name, description, slots);
