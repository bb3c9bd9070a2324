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

        await using var response = await context.Client.Images.SaveAsync(parse.GetValue(Operands)!, ct).ConfigureAwait(false);
        if (path.Length == 0)
        {
            await response.Body.CopyToAsync(context.Streams.OutStream, ct).ConfigureAwait(false);
            return 0;
        }

        // written aside and renamed, so that a failed save leaves no half archive
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                await response.Body.CopyToAsync(file, ct).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return 0;
    }
}
