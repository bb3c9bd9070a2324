using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker pause: POST /containers/{id}/pause, in parallel.</summary>
internal sealed class PauseCommand : DockerCommand
{
    public PauseCommand()
        : base("pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container pause, docker pause";
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct) =>
        Batch.RunAsync(context, parse.GetValue(Operands)!, context.Client.Containers.PauseAsync, ct);
}
