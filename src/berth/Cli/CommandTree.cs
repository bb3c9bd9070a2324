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
    public static CliRoot Build()
    {
        var root = new CliRoot();
        Command[] commands =
        [
            new AttachCommand(), new CreateCommand(), new ExecCommand(), new KillCommand(), new LogsCommand(),
            new PauseCommand(), new PortCommand(), new RenameCommand(), new RestartCommand(), new ContainerRemove(),
            new RunCommand(), new StartCommand(), new StopCommand(), new TopCommand(), new UnpauseCommand(), new WaitCommand(),
            new ContainerList(), new CommitCommand(), new CopyCommand(), new DiffCommand(), new ExportCommand(), new StatsCommand(), new UpdateCommand(),
            new ImageList(), new ImageRemove(), new TagCommand(), new ImportCommand(), new PullCommand(), new PushCommand(),
            new LoadCommand(), new SaveCommand(), new HistoryCommand(),
            new SystemInspect(), new VersionCommand(), new InfoCommand(), new EventsCommand(),
            new LoginCommand(), new LogoutCommand(),
            new CommandGroup("container", "Manage containers",
                new AttachCommand(), new CommitCommand(), new CopyCommand(), new CreateCommand(), new DiffCommand(), new ExecCommand(),
                new ExportCommand(), new ContainerInspect(), new KillCommand(), new LogsCommand(), new ContainerList("ls", "ps", "list"),
                new PauseCommand(), new PortCommand(), new ContainerPrune(), new RenameCommand(), new RestartCommand(),
                new ContainerRemove("rm", "remove"), new RunCommand(), new StartCommand(), new StatsCommand(), new StopCommand(),
                new TopCommand(), new UnpauseCommand(), new UpdateCommand(), new WaitCommand()),
            new CommandGroup("image", "Manage images",
                new HistoryCommand(), new ImportCommand(), new ImageInspect(), new LoadCommand(), new ImageList("ls", "list"),
                new ImagePrune(), new PullCommand(), new PushCommand(), new ImageRemove("rm", "rmi", "remove"), new SaveCommand(), new TagCommand()),
            new CommandGroup("volume", "Manage volumes",
                new VolumeCreateCommand(), new VolumeInspectCommand(), new VolumeListCommand(), new VolumePruneCommand(), new VolumeRemoveCommand()),
            new CommandGroup("network", "Manage networks",
                new NetworkConnectCommand(), new NetworkCreateCommand(), new NetworkDisconnectCommand(), new NetworkInspectCommand(),
                new NetworkListCommand(), new NetworkPruneCommand(), new NetworkRemoveCommand()),
            new CommandGroup("system", "Manage Docker",
                new DiskUsageCommand(), new EventsCommand(), new InfoCommand("info"), new SystemPrune()),
        ];

        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}

/// <summary>The root: docker's global options, given before the command.</summary>
internal sealed class CliRoot : Command
{
    private readonly Flag<string> _config;
    private readonly Flag<string> _context = Flags.String("context", 'c', "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")");
    private readonly Flag<bool> _debug = Flags.Bool("debug", 'D', "Enable debug mode");
    private readonly Flag<string[]> _host = Flags.List("host", 'H', "Daemon socket to connect to");
    private readonly Flag<string> _logLevel = Flags.String("log-level", 'l', "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")", "info");

    public CliRoot()
        : base("berth", "A self-sufficient runtime for containers")
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
