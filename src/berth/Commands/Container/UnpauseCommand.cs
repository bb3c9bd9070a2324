using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker unpause: POST /containers/{id}/unpause, in parallel.</summary>
internal sealed class UnpauseCommand : DockerCommand
{
    public UnpauseCommand()
        : base("unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container unpause, docker unpause";
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct) =>
        Batch.RunAsync(context, parse.GetValue(Operands)!, context.Client.Containers.UnpauseAsync, ct);
}
