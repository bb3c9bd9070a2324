using System.CommandLine;
using System.Text;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Image;

/// <summary>docker image prune: dangling images, or all unused ones with -a.</summary>
internal sealed class PruneCommand : DockerCommand
{
    private const string AllWarning = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?";
    private const string DanglingWarning = "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";

    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Remove all unused images, not just dangling ones");
    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"until=<timestamp>\")", shorthand: null);
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not prompt for confirmation");

    public PruneCommand()
        : base("prune", "[OPTIONS]", "Remove unused images", ArgsRule.None)
    {
        Add(_all);
        Add(_filter);
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var all = parse.GetValue(_all);
        var filters = FilterFlag.ToArgs(parse.GetValue(_filter)!).Add("dangling", all ? "false" : "true");
        if (!parse.GetValue(_force) && !await Prompt.ConfirmAsync(context, all ? AllWarning : DanglingWarning, ct).ConfigureAwait(false))
        {
            throw Prompt.Declined();
        }

        var report = await context.Client.Images.PruneAsync(filters, ct).ConfigureAwait(false);
        long reclaimed = 0;
        if (report.ImagesDeleted is { Count: > 0 } deleted)
        {
            var output = new StringBuilder("Deleted Images:\n");
            foreach (var item in deleted)
            {
                output.Append(item.Untagged is { Length: > 0 } untagged ? "untagged: " + untagged : "deleted: " + item.Deleted).Append('\n');
            }

            await context.Out.WriteLineAsync(output.ToString()).ConfigureAwait(false);
            reclaimed = report.SpaceReclaimed;
        }

        await context.Out.WriteLineAsync("Total reclaimed space: " + DisplayText.HumanSize(reclaimed)).ConfigureAwait(false);
        return 0;
    }
}
