using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Image;

/// <summary>docker load: a tar from -i or stdin to POST /images/load (quiet unless stdout is a terminal).</summary>
internal sealed class LoadCommand : DockerCommand
{
    private readonly Flag<string> _input = Flags.String("input", 'i', "Read from tar archive file, instead of STDIN");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Load only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Suppress the load output");

    public LoadCommand()
        : base("load", "[OPTIONS]", "Load an image from a tar archive or STDIN", ArgsRule.None)
    {
        AliasesText = "docker image load, docker load";
        Add(_input);
        Add(_platform);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (Given(parse, _platform))
        {
            await context.RequireFlagApiVersionAsync("platform", "1.48", ct).ConfigureAwait(false);
        }

        var path = parse.GetValue(_input) ?? "";
        if (path.Length == 0 && context.Streams.InIsTerminal)
        {
            throw new CliStatusException(1, "requested load from stdin, but stdin is empty");
        }

        Stream input;
        try
        {
            input = path.Length == 0 ? context.Streams.InStream : File.OpenRead(path);
        }
        catch (Exception e) when (OsError.IsFileError(e))
        {
            throw new CliStatusException(1, OsError.Describe("open", path, e));
        }

        await using (input.ConfigureAwait(false))
        {
            var quiet = parse.GetValue(_quiet) || !context.Streams.OutIsTerminal;
            await using var response = await context.Client.Images.LoadAsync(input, quiet, ct).ConfigureAwait(false);
            if (response.ContentType == "application/json")
            {
                await ProgressDisplay.RunAsync(response.Body, context.Out, context.Streams.OutIsTerminal, null, ct).ConfigureAwait(false);
            }
            else
            {
                await response.Body.CopyToAsync(context.Streams.OutStream, ct).ConfigureAwait(false);
            }
        }

        return 0;
    }
}
