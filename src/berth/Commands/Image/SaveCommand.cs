using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Image;

/// <summary>docker save: GET /images/get?names=..., the tar to -o or to a stdout that is not a terminal.</summary>
internal sealed class SaveCommand : DockerCommand
{
    private readonly Flag<string> _output = Flags.String("output", 'o', "Write to a file, instead of STDOUT");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Save only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");

    public SaveCommand()
        : base("save", "[OPTIONS] IMAGE [IMAGE...]", "Save one or more images to a tar archive (streamed to STDOUT by default)", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker image save, docker save";
        Add(_output);
        Add(_platform);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (Given(parse, _platform))
        {
            await context.RequireFlagApiVersionAsync("platform", "1.48", ct).ConfigureAwait(false);
        }

        var path = parse.GetValue(_output) ?? "";
        if (path.Length == 0 && context.Streams.OutIsTerminal)
        {
            throw new CliStatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        await using var file = path.Length > 0 ? OpenOutput(path) : null;
        await using var response = await context.Client.Images.SaveAsync(parse.GetValue(Operands)!, ct).ConfigureAwait(false);
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
            throw new CliStatusException(1, "failed to save image: " + e.Message);
        }
    }
}
