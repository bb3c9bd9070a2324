using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Container;

/// <summary>docker top: GET /containers/{id}/top?ps_args=, the process table aligned as docker aligns it.</summary>
internal sealed class TopCommand : DockerCommand
{
    public TopCommand()
        : base("top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container top, docker top";
        Interspersed = false;
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var top = await context.Client.Containers.TopAsync(operands[0], string.Join(' ', operands[1..]), ct).ConfigureAwait(false);
        var table = new TabWriter(20, 3);
        table.Write(string.Join('\t', top.Titles) + "\n");
        foreach (var process in top.Processes)
        {
            table.Write(string.Join('\t', process) + "\n");
        }

        await context.Out.WriteAsync(table.Flush()).ConfigureAwait(false);
        return 0;
    }
}
