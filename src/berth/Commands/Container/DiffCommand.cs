using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker diff: GET /containers/{id}/changes, one "C|A|D path" line each.</summary>
internal sealed class DiffCommand : DockerCommand
{
    public DiffCommand()
        : base("diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem", ArgsRule.Exactly(1))
    {
        AliasesText = "docker container diff, docker diff";
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var container = parse.GetValue(Operands)![0];
        if (container.Length == 0)
        {
            throw new CliStatusException(1, "Container name cannot be empty");
        }

        foreach (var change in await context.Client.Containers.ChangesAsync(container, ct).ConfigureAwait(false))
        {
            var kind = change.Kind switch { 0 => "C", 1 => "A", 2 => "D", _ => "" };
            await context.Out.WriteLineAsync($"{kind} {change.Path}").ConfigureAwait(false);
        }

        return 0;
    }
}
