using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Volume;

/// <summary>docker volume prune: anonymous unused volumes, or all unused ones with -a (filter all=true).</summary>
internal sealed class VolumePruneCommand : DockerCommand
{
    private const string AnonymousWarning = "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?";
    private const string AllWarning = "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?";

    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Remove all unused volumes, not just anonymous ones");
    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"label=<label>\")", shorthand: null);
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not prompt for confirmation");

    public VolumePruneCommand()
        : base("prune", "[OPTIONS]", "Remove unused local volumes", ArgsRule.None)
    {
        Add(_all);
        Add(_filter);
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var filters = FilterFlag.ToArgs(parse.GetValue(_filter)!);
        var warning = AnonymousWarning;
        if (parse.GetValue(_all))
        {
            if (filters.Contains("all"))
            {
                throw new CliStatusException(1, "conflicting options: cannot specify both --all and --filter all=1");
            }

            filters.Add("all", "true");
            warning = AllWarning;
        }

        if (!parse.GetValue(_force) && !await Prompt.ConfirmAsync(context, warning, ct).ConfigureAwait(false))
        {
            throw Prompt.Declined();
        }

        var report = await context.Client.Volumes.PruneAsync(filters, ct).ConfigureAwait(false);
        long reclaimed = 0;
        if (report.VolumesDeleted is { Count: > 0 } deleted)
        {
            await context.Out.WriteLineAsync("Deleted Volumes:\n" + string.Concat(deleted.Select(name => name + "\n"))).ConfigureAwait(false);
            reclaimed = report.SpaceReclaimed;
        }

        await context.Out.WriteLineAsync("Total reclaimed space: " + DisplayText.HumanSize(reclaimed)).ConfigureAwait(false);
        return 0;
    }
}
