using System.CommandLine;
using Berth.Cli.Commands.Container;
using Berth.Cli.Commands.Image;
using Berth.Cli.Commands.Network;
using Berth.Cli.Commands.Registry;
using Berth.Cli.Commands.Engine;
using Berth.Cli.Commands.Volume;
using ContainerInspect = Berth.Cli.Commands.Container.InspectCommand;
using ContainerList = Berth.Cli.Commands.Container.ListCommand;
using ContainerPrune = Berth.Cli.Commands.Container.PruneCommand;
using ContainerRemove = Berth.Cli.Commands.Container.RemoveCommand;
using ImageInspect = Berth.Cli.Commands.Image.InspectCommand;
using ImageList = Berth.Cli.Commands.Image.ListCommand;
using ImagePrune = Berth.Cli.Commands.Image.PruneCommand;
using ImageRemove = Berth.Cli.Commands.Image.RemoveCommand;
using SystemInspect = Berth.Cli.Commands.Engine.InspectCommand;
using SystemPrune = Berth.Cli.Commands.Engine.PruneCommand;

namespace Berth.Cli.Cli;

/// <summary>Every command of the CLI, at the root and under its management command, as docker arranges them.</summary>
internal static class CommandTree
{
    public static CliRoot Build() => new(
    [
        Slot(() => new AttachCommand(), "attach"), Slot(() => new CreateCommand(), "create"), Slot(() => new ExecCommand(), "exec"),
        Slot(() => new KillCommand(), "kill"), Slot(() => new LogsCommand(), "logs"), Slot(() => new PauseCommand(), "pause"),
        Slot(() => new PortCommand(), "port"), Slot(() => new RenameCommand(), "rename"), Slot(() => new RestartCommand(), "restart"),
        Slot(() => new ContainerRemove(), "rm"), Slot(() => new RunCommand(), "run"), Slot(() => new StartCommand(), "start"),
        Slot(() => new StopCommand(), "stop"), Slot(() => new TopCommand(), "top"), Slot(() => new UnpauseCommand(), "unpause"),
        Slot(() => new WaitCommand(), "wait"), Slot(() => new ContainerList(), "ps"), Slot(() => new CommitCommand(), "commit"),
        Slot(() => new CopyCommand(), "cp"), Slot(() => new DiffCommand(), "diff"), Slot(() => new ExportCommand(), "export"),
        Slot(() => new StatsCommand(), "stats"), Slot(() => new UpdateCommand(), "update"),
        Slot(() => new ImageList(), "images"), Slot(() => new ImageRemove(), "rmi"), Slot(() => new TagCommand(), "tag"),
        Slot(() => new ImportCommand(), "import"), Slot(() => new PullCommand(), "pull"), Slot(() => new PushCommand(), "push"),
        Slot(() => new LoadCommand(), "load"), Slot(() => new SaveCommand(), "save"), Slot(() => new HistoryCommand(), "history"),
        Slot(() => new SystemInspect(), "inspect"), Slot(() => new VersionCommand(), "version"), Slot(() => new InfoCommand(), "info"),
        Slot(() => new EventsCommand(), "events"), Slot(() => new LoginCommand(), "login"), Slot(() => new LogoutCommand(), "logout"),
        Group("container", "Manage containers",
            Slot(() => new AttachCommand(), "attach"), Slot(() => new CommitCommand(), "commit"), Slot(() => new CopyCommand(), "cp"),
            Slot(() => new CreateCommand(), "create"), Slot(() => new DiffCommand(), "diff"), Slot(() => new ExecCommand(), "exec"),
            Slot(() => new ExportCommand(), "export"), Slot(() => new ContainerInspect(), "inspect"), Slot(() => new KillCommand(), "kill"),
            Slot(() => new LogsCommand(), "logs"), Slot((name, aliases) => new ContainerList(name, aliases), "ls", "ps", "list"),
            Slot(() => new PauseCommand(), "pause"), Slot(() => new PortCommand(), "port"), Slot(() => new ContainerPrune(), "prune"),
            Slot(() => new RenameCommand(), "rename"), Slot(() => new RestartCommand(), "restart"),
            Slot((name, aliases) => new ContainerRemove(name, aliases), "rm", "remove"), Slot(() => new RunCommand(), "run"),
            Slot(() => new StartCommand(), "start"), Slot(() => new StatsCommand(), "stats"), Slot(() => new StopCommand(), "stop"),
            Slot(() => new TopCommand(), "top"), Slot(() => new UnpauseCommand(), "unpause"), Slot(() => new UpdateCommand(), "update"),
            Slot(() => new WaitCommand(), "wait")),
        Group("image", "Manage images",
            Slot(() => new HistoryCommand(), "history"), Slot(() => new ImportCommand(), "import"), Slot(() => new ImageInspect(), "inspect"),
            Slot(() => new LoadCommand(), "load"), Slot((name, aliases) => new ImageList(name, aliases), "ls", "list"), Slot(() => new ImagePrune(), "prune"),
            Slot(() => new PullCommand(), "pull"), Slot(() => new PushCommand(), "push"),
            Slot((name, aliases) => new ImageRemove(name, aliases), "rm", "rmi", "remove"), Slot(() => new SaveCommand(), "save"),
            Slot(() => new TagCommand(), "tag")),
        Group("volume", "Manage volumes",
            Slot(() => new VolumeCreateCommand(), "create"), Slot(() => new VolumeInspectCommand(), "inspect"),
            Slot(() => new VolumeListCommand(), "ls", "list"), Slot(() => new VolumePruneCommand(), "prune"),
            Slot(() => new VolumeRemoveCommand(), "rm", "remove")),
        Group("network", "Manage networks",
            Slot(() => new NetworkConnectCommand(), "connect"), Slot(() => new NetworkCreateCommand(), "create"),
            Slot(() => new NetworkDisconnectCommand(), "disconnect"), Slot(() => new NetworkInspectCommand(), "inspect"),
            Slot(() => new NetworkListCommand(), "ls", "list"), Slot(() => new NetworkPruneCommand(), "prune"),
            Slot(() => new NetworkRemoveCommand(), "rm", "remove")),
        Group("system", "Manage Docker",
            Slot(() => new DiskUsageCommand(), "df"), Slot(() => new EventsCommand(), "events"),
            Slot(() => new InfoCommand("info"), "info"), Slot(() => new SystemPrune(), "prune")),
    ]);

    /// <summary>A command whose names are set in its class (a test checks they are these).</summary>
    private static SubcommandSlot Slot(Func<Command> make, params string[] names) => new(names, make);

    /// <summary>A command that takes its name and aliases from here.</summary>
    private static SubcommandSlot Slot(Func<string, string[], Command> make, params string[] names) => new(names, () => make(names[0], names[1..]));

    private static SubcommandSlot Group(string name, string description, params SubcommandSlot[] slots) =>
        new([name], () => new CommandGroup(name, description, slots));
}

/// <summary>The root: docker's global options, given before the command.</summary>
internal sealed class CliRoot : ParentCommand
{
    private readonly Flag<string> _config;
    private readonly Flag<string> _context = Flags.String("context", 'c', "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")");
    private readonly Flag<bool> _debug = Flags.Bool("debug", 'D', "Enable debug mode");
    private readonly Flag<string[]> _host = Flags.List("host", 'H', "Daemon socket to connect to");
    private readonly Flag<string> _logLevel = Flags.String("log-level", 'l', "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")", "info");

    public CliRoot(IReadOnlyList<SubcommandSlot> slots)
        : base("berth", "A self-sufficient runtime for containers", slots)
    {
        var dockerDir = Path.Combine(CliContext.HomeDirectory(Environment.GetEnvironmentVariable), ".docker");
        _config = Flags.String("config", null, "Location of client config files", dockerDir);
        Add(_config);
        Add(_context);
        Add(_debug);
        Add(_host);
        Add(_logLevel);
        Add(Flags.Bool("tls", null, "Use TLS; implied by --tlsverify"));
        Add(Flags.String("tlscacert", null, "Trust certs signed only by this CA", Path.Combine(dockerDir, "ca.pem")));
        Add(Flags.String("tlscert", null, "Path to TLS certificate file", Path.Combine(dockerDir, "cert.pem")));
        Add(Flags.String("tlskey", null, "Path to TLS key file", Path.Combine(dockerDir, "key.pem")));
        Add(Flags.Bool("tlsverify", null, "Use TLS and verify the remote"));
        Add(Flags.Bool("version", 'v', "Print version information and quit"));
    }

    public GlobalOptions Globals(ParseResult parse) => new(
        parse.GetValue(_host) ?? [],
        parse.GetResult(_config) is { Implicit: false } ? parse.GetValue(_config) : null,
        parse.GetValue(_debug),
        parse.GetValue(_logLevel) ?? "info",
        parse.GetValue(_context));
}
