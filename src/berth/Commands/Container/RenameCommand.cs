using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker rename: POST /containers/{id}/rename?name=.</summary>
internal sealed class RenameCommand : DockerCommand
{
    public RenameCommand()
        : base("rename", "CONTAINER NEW_NAME", "Rename a container", ArgsRule.Exactly(2))
    {
        AliasesText = "docker container rename, docker rename";
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var names = parse.GetValue(Operands)!;
        var oldName = names[0].Trim();
        var newName = names[1].Trim();
        if (oldName.Length == 0 || newName.Length == 0)
        {
            throw new CliStatusException(1, "Error: Neither old nor new names may be empty");
        }

        try
        {
            await context.Client.Containers.RenameAsync(oldName, newName, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Batch.IsReportable(e))
        {
            await context.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
            throw new CliStatusException(1, $"Error: failed to rename container named {oldName}");
        }

        return 0;
    }
}
