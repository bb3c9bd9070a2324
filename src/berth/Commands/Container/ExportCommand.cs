using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker export: GET /containers/{id}/export, the tar to -o or to a stdout that is not a terminal.</summary>
internal sealed class ExportCommand : DockerCommand
{
    private readonly Flag<string> _output = Flags.String("output", 'o', "Write to a file, instead of STDOUT");

    public ExportCommand()
        : base("export", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", ArgsRule.Exactly(1))
    {
        AliasesText = "docker container export, docker export";
        Add(_output);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var path = parse.GetValue(_output) ?? "";
        if (path.Length == 0 && context.Streams.OutIsTerminal)
        {
            throw new CliStatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        await using var response = await context.Client.Containers.ExportAsync(parse.GetValue(Operands)![0], ct).ConfigureAwait(false);
        if (path.Length == 0)
        {
            await response.Body.CopyToAsync(context.Streams.OutStream, ct).ConfigureAwait(false);
            return 0;
        }

        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        await response.Body.CopyToAsync(file, ct).ConfigureAwait(false);
        return 0;
    }
}
