using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker kill: POST /containers/{id}/kill?signal=, in parallel.</summary>
internal sealed class KillCommand : DockerCommand
{
    private readonly Flag<string> _signal = Flags.String("signal", 's', "Signal to send to the container");

    public KillCommand()
        : base("kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container kill, docker kill";
        Add(_signal);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var signal = parse.GetValue(_signal);
        return Batch.RunAsync(context, parse.GetValue(Operands)!, (id, token) => context.Client.Containers.KillAsync(id, signal, token), ct);
    }
}
