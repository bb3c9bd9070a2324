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

        await using var file = path.Length > 0 ? OpenOutput(path) : null;
        await using var response = await context.Client.Containers.ExportAsync(parse.GetValue(Operands)![0], ct).ConfigureAwait(false);
        await response.Body.CopyToAsync(file?.Stream ?? context.Streams.OutStream, ct).ConfigureAwait(false);
        if (file is not null)
        {
            await file.CommitAsync(ct).ConfigureAwait(false);
        }

        return 0;
    }

    private static OutputFile OpenOutput(string path)
    {
        try
        {
            return OutputFile.Create(path);
        }
        catch (InvalidOperationException e)
        {
            throw new CliStatusException(1, "failed to export container: " + e.Message);
        }
    }
}
