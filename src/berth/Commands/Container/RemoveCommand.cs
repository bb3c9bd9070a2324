using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client;

namespace Berth.Cli.Commands.Container;

/// <summary>docker rm: DELETE /containers/{id}, in parallel; with -f a missing container is reported but not an error.</summary>
internal sealed class RemoveCommand : DockerCommand
{
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
    private readonly Flag<bool> _link = Flags.Bool("link", 'l', "Remove the specified link");
    private readonly Flag<bool> _volumes = Flags.Bool("volumes", 'v', "Remove anonymous volumes associated with the container");

    public RemoveCommand(string name = "rm", params string[] aliases)
        : base(name, "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", ArgsRule.AtLeast(1), aliases)
    {
        AliasesText = "docker container rm, docker container remove, docker rm";
        Add(_force);
        Add(_link);
        Add(_volumes);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var force = parse.GetValue(_force);
        var link = parse.GetValue(_link);
        var volumes = parse.GetValue(_volumes);
        return Batch.RunAsync(
            context,
            parse.GetValue(Operands)!,
            (name, token) =>
            {
                var id = name.Trim('/');
                return id.Length == 0
                    ? Task.FromException(new InvalidOperationException("container name cannot be empty"))
                    : context.Client.Containers.RemoveAsync(id, force, volumes, link, token);
            },
            ct,
            reportOnly: e => force && e is DaemonException { IsNotFound: true });
    }
}
