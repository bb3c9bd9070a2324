using System.CommandLine;
using System.Text;

namespace Berth.Cli.Cli;

/// <summary>The docker CLI's usage template (cli/cobra.go), rendered for the root, a group or a leaf command.</summary>
internal static class HelpWriter
{
    private const int MinNamePadding = 11;
    private const string AdditionalHelp = "For more help on how to use Docker, head to https://docs.docker.com/go/guides/";

    public static string Render(IReadOnlyList<Command> path, string program, int columns)
    {
        var command = path[^1];
        var commandPath = CommandPath(path, program);
        var isRoot = path.Count == 1;
        var subcommands = command.Subcommands.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var flags = command.Options.OfType<IFlag>().Where(f => !f.Option.Hidden).ToList();
        var help = new StringBuilder("Usage:  ");
        if (subcommands.Count > 0)
        {
            help.Append(commandPath).Append(flags.Count > 0 ? " [OPTIONS]" : "").Append(" COMMAND");
        }
        else
        {
            help.Append(UseLine(path, program));
        }

        var leaf = command as DockerCommand;
        help.Append("\n\n").Append((leaf?.LongDescription ?? command.Description ?? "").Trim());
        if (leaf?.AliasesText is { } aliases)
        {
            help.Append("\n\nAliases:\n  ").Append(WithProgram(aliases, program));
        }

        if (leaf?.Examples is { } examples)
        {
            help.Append("\n\nExamples:\n").Append(WithProgram(examples, program));
        }

        if (!isRoot && flags.Count > 0)
        {
            help.Append("\n\nOptions:\n").Append(FlagUsages.Render(flags, columns).TrimEnd());
        }

        var padding = Math.Max(MinNamePadding, command.Subcommands.Select(c => c.Name.Length).DefaultIfEmpty(0).Max());
        if (isRoot)
        {
            var top = subcommands.OfType<DockerCommand>().Where(c => c.TopRank is not null).OrderBy(c => c.TopRank).ToList();
            AppendCommands(help, "Common Commands", top, padding);
            AppendCommands(help, "Management Commands", subcommands.Where(c => c.Subcommands.Count > 0).ToList(), padding);
            AppendCommands(help, "Commands", subcommands.Where(c => c.Subcommands.Count == 0 && !top.Contains(c)).ToList(), padding);
            help.Append("\n\nGlobal Options:\n").Append(FlagUsages.Render(flags, columns).TrimEnd());
        }
        else
        {
            AppendCommands(help, "Commands", subcommands.Where(c => c.Subcommands.Count == 0).ToList(), padding);
        }

        if (subcommands.Count > 0)
        {
            help.Append("\n\nRun '").Append(commandPath).Append(" COMMAND --help' for more information on a command.");
        }

        if (isRoot)
        {
            help.Append("\n\n").Append(AdditionalHelp);
        }

        return help.Append('\n').ToString();
    }

    /// <summary>"docker container rm", with the program's own name.</summary>
    public static string CommandPath(IReadOnlyList<Command> path, string program) =>
        string.Join(' ', path.Skip(1).Select(c => c.Name).Prepend(program));

    /// <summary>cobra's UseLine: the command path and the usage arguments.</summary>
    public static string UseLine(IReadOnlyList<Command> path, string program)
    {
        var commandPath = CommandPath(path, program);
        return path[^1] switch
        {
            DockerCommand leaf when leaf.UsageArgs.Length > 0 => commandPath + " " + WithProgram(leaf.UsageArgs, program),
            _ when path.Count == 1 => commandPath + " [OPTIONS] COMMAND [ARG...]",
            _ => commandPath,
        };
    }

    /// <summary>Help texts name the program "docker"; berth says its own name.</summary>
    public static string WithProgram(string text, string program) =>
        text.Replace("docker ", program + " ", StringComparison.Ordinal);

    private static void AppendCommands(StringBuilder help, string title, IReadOnlyList<Command> commands, int padding)
    {
        if (commands.Count == 0)
        {
            return;
        }

        help.Append("\n\n").Append(title).Append(':');
        foreach (var command in commands)
        {
            help.Append("\n  ").Append(command.Name.PadRight(padding)).Append(' ').Append(command.Description);
        }
    }
}
