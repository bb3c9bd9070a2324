using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Container;

/// <summary>docker container prune: confirm, POST /containers/prune, list what went and the space reclaimed.</summary>
internal sealed class PruneCommand : DockerCommand
{
    private const string Warning = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"until=<timestamp>\")", shorthand: null);
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not prompt for confirmation");

    public PruneCommand()
        : base("prune", "[OPTIONS]", "Remove all stopped containers", ArgsRule.None)
    {
        Add(_filter);
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (!parse.GetValue(_force) && !await Prompt.ConfirmAsync(context, Warning, ct).ConfigureAwait(false))
        {
            throw Prompt.Declined();
        }

        var report = await context.Client.Containers.PruneAsync(FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        long reclaimed = 0;
        if (report.ContainersDeleted is { Count: > 0 } deleted)
        {
            await context.Out.WriteLineAsync("Deleted Containers:\n" + string.Concat(deleted.Select(id => id + "\n"))).ConfigureAwait(false);
            reclaimed = report.SpaceReclaimed;
        }

        await context.Out.WriteLineAsync("Total reclaimed space: " + DisplayText.HumanSize(reclaimed)).ConfigureAwait(false);
        return 0;
    }
}
