using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.References;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Image;

/// <summary>docker pull: POST /images/create?fromImage=&lt;fully qualified&gt;&amp;tag=, progress as docker renders it, then the reference.</summary>
internal sealed class PullCommand : DockerCommand
{
    private readonly Flag<bool> _allTags = Flags.Bool("all-tags", 'a', "Download all tagged images in the repository");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Suppress verbose output");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Set platform if server is multi-platform capable", Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") ?? "");

    public PullCommand()
        : base("pull", "[OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry", ArgsRule.Exactly(1))
    {
        AliasesText = "docker image pull, docker pull";
        TopRank = 5;
        Add(_allTags);
        Add(Flags.Bool("disable-content-trust", null, "Skip image verification", defaultValue: true));
        Add(_platform);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        ImageReference reference;
        try
        {
            reference = ImageReference.Parse(parse.GetValue(Operands)![0]);
        }
        catch (FormatException e)
        {
            throw new CliStatusException(1, e.Message);
        }

        var all = parse.GetValue(_allTags);
        var quiet = parse.GetValue(_quiet);
        var nameOnly = reference.Tag is null && reference.Digest is null;
        if (all && !nameOnly)
        {
            throw new CliStatusException(1, "tag can't be used with --all-tags/-a");
        }

        if (!all && nameOnly)
        {
            reference = reference.WithDefaultTag();
            if (!quiet)
            {
                await context.Out.WriteLineAsync("Using default tag: " + reference.Tag).ConfigureAwait(false);
            }
        }

        var platform = parse.GetValue(_platform);
        var tag = all ? "" : reference.Digest ?? reference.Tag ?? "";
        await using (var response = await context.Client.Images.PullAsync(reference.Name, tag, string.IsNullOrEmpty(platform) ? null : platform, RegistryAuth.Encode(context.Config, reference), ct).ConfigureAwait(false))
        {
            await ProgressDisplay.RunAsync(response.Body, quiet ? TextWriter.Null : context.Out, !quiet && context.Streams.OutIsTerminal, null, ct).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync(reference.ToString()).ConfigureAwait(false);
        return 0;
    }
}
