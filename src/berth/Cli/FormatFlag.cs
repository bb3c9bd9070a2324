namespace Berth.Cli.Cli;

/// <summary>The --format flags of list and inspect commands, with docker's help texts.</summary>
internal static class FormatFlag
{
    public const string ListHelp = "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    public const string InspectHelp = "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    public static Flag<string> ForList(char? shorthand = null) => Flags.String("format", shorthand, ListHelp);

    public static Flag<string> ForInspect(char? shorthand = 'f') => Flags.String("format", shorthand, InspectHelp);
}
