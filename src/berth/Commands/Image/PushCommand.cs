using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.References;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Image;

/// <summary>docker push: POST /images/{name}/push?tag= with the registry's credentials, progress as docker renders it.</summary>
internal sealed class PushCommand : DockerCommand
{
    private readonly Flag<bool> _allTags = Flags.Bool("all-tags", 'a', "Push all tags of an image to the repository");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Suppress verbose output");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)");

    public PushCommand()
        : base("push", "[OPTIONS] NAME[:TAG]", "Upload an image to a registry", ArgsRule.Exactly(1))
    {
        AliasesText = "docker image push, docker push";
        TopRank = 6;
        Add(_allTags);
        Add(Flags.Bool("disable-content-trust", null, "Skip image signing", defaultValue: true));
        Add(_platform);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (Given(parse, _platform))
        {
            await context.RequireFlagApiVersionAsync("platform", "1.46", ct).ConfigureAwait(false);
        }

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

        await using (var response = await context.Client.Images.PushAsync(reference.FamiliarName, all ? "" : reference.Tag ?? "", RegistryAuth.Encode(context.Config, reference), ct).ConfigureAwait(false))
        {
            await ProgressDisplay.RunAsync(response.Body, quiet ? TextWriter.Null : context.Out, !quiet && context.Streams.OutIsTerminal, null, ct).ConfigureAwait(false);
        }

        if (quiet)
        {
            await context.Out.WriteLineAsync(reference.ToString()).ConfigureAwait(false);
        }

        return 0;
    }
}
