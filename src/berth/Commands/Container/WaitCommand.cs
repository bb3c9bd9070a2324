using System.CommandLine;
using System.Globalization;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker wait: POST /containers/{id}/wait for each container in turn, printing the exit codes.</summary>
internal sealed class WaitCommand : DockerCommand
{
    public WaitCommand()
        : base("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container wait, docker wait";
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var errors = new List<string>();
        foreach (var container in parse.GetValue(Operands)!)
        {
            try
            {
                var exit = await (await context.Client.Containers.WaitAsync(container, null, ct).ConfigureAwait(false)).ConfigureAwait(false);
                await context.Out.WriteLineAsync(exit.StatusCode.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                errors.Add(e.Message);
            }
        }

        return errors.Count > 0 ? throw new CliStatusException(1, string.Join('\n', errors)) : 0;
    }
}
