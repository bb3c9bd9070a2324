using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.References;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Image;

/// <summary>docker import: the tar (a file or "-") streamed to POST /images/create?fromSrc=- with chunked encoding.</summary>
internal sealed class ImportCommand : DockerCommand
{
    private readonly Flag<string[]> _change = Flags.List("change", 'c', "Apply Dockerfile instruction to the created image");
    private readonly Flag<string> _message = Flags.String("message", 'm', "Set commit message for imported image");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Set platform if server is multi-platform capable", Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") ?? "");

    public ImportCommand()
        : base("import", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", "Import the contents from a tarball to create a filesystem image", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker image import, docker import";
        Add(_change);
        Add(_message);
        Add(_platform);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var source = operands[0];
        var repository = operands.Length > 1 ? operands[1] : "";
        if (repository.Length > 0 && !ImageReference.TryParse(repository, out _))
        {
            throw new CliStatusException(1, "invalid reference format");
        }

        if (source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal))
        {
            throw new CliStatusException(1, "importing from a URL is not supported by Berth");
        }

        Stream input;
        try
        {
            input = source == "-" ? context.Streams.InStream : File.OpenRead(source);
        }
        catch (Exception e) when (OsError.IsFileError(e))
        {
            throw new CliStatusException(1, OsError.Describe("open", source, e));
        }

        await using (input.ConfigureAwait(false))
        {
            var platform = parse.GetValue(_platform);
            await using var response = await context.Client.Images.ImportAsync(input, repository, parse.GetValue(_message), parse.GetValue(_change)!, string.IsNullOrEmpty(platform) ? null : platform.ToLowerInvariant(), ct).ConfigureAwait(false);
            await ProgressDisplay.RunAsync(response.Body, context.Out, context.Streams.OutIsTerminal, null, ct).ConfigureAwait(false);
        }

        return 0;
    }
}
