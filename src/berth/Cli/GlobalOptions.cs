namespace Berth.Cli.Cli;

/// <summary>The flags given before the command (docker's ClientOptions).</summary>
internal sealed record GlobalOptions(IReadOnlyList<string> Hosts, string? ConfigDir, bool Debug, string LogLevel, string? Context)
{
    public static GlobalOptions Empty { get; } = new([], null, false, "info", null);
}
