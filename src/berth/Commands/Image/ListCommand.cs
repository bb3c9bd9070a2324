using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Image;

/// <summary>docker images / image ls: GET /images/json, printed with docker's image formatter.</summary>
internal sealed class ListCommand : DockerCommand
{
    private static readonly string[] AmbiguousNames = ["build", "history", "import", "inspect", "list", "load", "ls", "prune", "pull", "push", "rm", "save", "tag"];

    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Show all images (default hides intermediate images)");
    private readonly Flag<bool> _digests = Flags.Bool("digests", null, "Show digests");
    private readonly Flag<string[]> _filter = FilterFlag.Create();
    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<bool> _noTrunc = Flags.Bool("no-trunc", null, "Don't truncate output");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Only show image IDs");
    private readonly Flag<bool> _tree = Flags.Bool("tree", null, "List multi-platform images as a tree (EXPERIMENTAL)");

    public ListCommand(string name = "images", params string[] aliases)
        : base(name, "[OPTIONS] [REPOSITORY[:TAG]]", "List images", ArgsRule.AtMost(1), aliases)
    {
        AliasesText = "docker image ls, docker image list, docker images";
        TopRank = name == "images" ? 7 : null;
        Add(_all);
        Add(_digests);
        Add(_filter);
        Add(_format);
        Add(_noTrunc);
        Add(_quiet);
        Add(_tree);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (parse.GetValue(_tree))
        {
            await context.RequireFlagApiVersionAsync("tree", "1.47", ct).ConfigureAwait(false);
        }

        var filters = FilterFlag.ToArgs(parse.GetValue(_filter)!);
        var match = parse.GetValue(Operands) is [var name] ? name : null;
        if (match is not null)
        {
            filters.Add("reference", match);
        }

        var quiet = parse.GetValue(_quiet);
        var format = parse.GetValue(_format) ?? "";
        if (format.Length == 0)
        {
            format = context.Config.ImagesFormat.Length > 0 && !quiet ? context.Config.ImagesFormat : "table";
        }

        var images = await context.Client.Images.ListAsync(parse.GetValue(_all), filters, ct).ConfigureAwait(false);
        var digests = parse.GetValue(_digests);
        var rows = ImageRows.Rows(images, format, !parse.GetValue(_noTrunc), digests, DateTimeOffset.UtcNow);
        await context.Out.WriteAsync(ListFormatter.Render(ImageRows.Format(format, quiet, digests), rows, ImageRows.Headers)).ConfigureAwait(false);
        if (match is not null && images.Count == 0 && Name == "images" && AmbiguousNames.Contains(match))
        {
            await context.Err.WriteAsync($"\nNo images found matching \"{match}\": did you mean \"{context.ProgramName} image {match}\"?\n").ConfigureAwait(false);
        }

        return 0;
    }
}
