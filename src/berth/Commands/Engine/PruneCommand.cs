using System.CommandLine;
using System.Text;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker system prune: stopped containers, unused networks, (anonymous volumes with --volumes,) dangling or unused images.</summary>
internal sealed class PruneCommand : DockerCommand
{
    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Remove all unused images not just dangling ones");
    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"label=<key>=<value>\")", shorthand: null);
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not prompt for confirmation");
    private readonly Flag<bool> _volumes = Flags.Bool("volumes", null, "Prune anonymous volumes");

    public PruneCommand()
        : base("prune", "[OPTIONS]", "Remove unused data", ArgsRule.None)
    {
        Add(_all);
        Add(_filter);
        Add(_force);
        Add(_volumes);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var all = parse.GetValue(_all);
        var volumes = parse.GetValue(_volumes);
        var filterValues = parse.GetValue(_filter)!;
        var filters = FilterFlag.ToArgs(filterValues);
        if (volumes && filters.Contains("until"))
        {
            throw new CliStatusException(1, "ERROR: The \"until\" filter is not supported with \"--volumes\"");
        }

        if (!parse.GetValue(_force) && !await Prompt.ConfirmAsync(context, Confirmation(all, volumes, filters), ct).ConfigureAwait(false))
        {
            throw Prompt.Declined();
        }

        long reclaimed = 0;
        var containers = await context.Client.Containers.PruneAsync(FilterFlag.ToArgs(filterValues), ct).ConfigureAwait(false);
        if (containers.ContainersDeleted is { Count: > 0 } deletedContainers)
        {
            await context.Out.WriteLineAsync("Deleted Containers:\n" + string.Concat(deletedContainers.Select(id => id + "\n"))).ConfigureAwait(false);
            reclaimed += containers.SpaceReclaimed;
        }

        var networks = await context.Client.Networks.PruneAsync(FilterFlag.ToArgs(filterValues), ct).ConfigureAwait(false);
        if (networks.NetworksDeleted is { Count: > 0 } deletedNetworks)
        {
            await context.Out.WriteLineAsync("Deleted Networks:\n" + string.Concat(deletedNetworks.Select(id => id + "\n"))).ConfigureAwait(false);
        }

        if (volumes)
        {
            var volumeReport = await context.Client.Volumes.PruneAsync(FilterFlag.ToArgs(filterValues), ct).ConfigureAwait(false);
            if (volumeReport.VolumesDeleted is { Count: > 0 } deletedVolumes)
            {
                await context.Out.WriteLineAsync("Deleted Volumes:\n" + string.Concat(deletedVolumes.Select(id => id + "\n"))).ConfigureAwait(false);
                reclaimed += volumeReport.SpaceReclaimed;
            }
        }

        var images = await context.Client.Images.PruneAsync(FilterFlag.ToArgs(filterValues).Add("dangling", all ? "false" : "true"), ct).ConfigureAwait(false);
        if (images.ImagesDeleted is { Count: > 0 } deletedImages)
        {
            var output = new StringBuilder("Deleted Images:\n");
            foreach (var item in deletedImages)
            {
                output.Append(item.Untagged is { Length: > 0 } untagged ? "untagged: " + untagged : "deleted: " + item.Deleted).Append('\n');
            }

            await context.Out.WriteLineAsync(output.ToString()).ConfigureAwait(false);
            reclaimed += images.SpaceReclaimed;
        }

        await context.Out.WriteLineAsync("Total reclaimed space: " + DisplayText.HumanSize(reclaimed)).ConfigureAwait(false);
        return 0;
    }

    private static string Confirmation(bool all, bool volumes, FilterArgs filters)
    {
        var text = new StringBuilder("WARNING! This will remove:");
        text.Append("\n  - all stopped containers");
        text.Append("\n  - all networks not used by at least one container");
        if (volumes)
        {
            text.Append("\n  - all anonymous volumes not used by at least one container");
        }

        text.Append(all ? "\n  - all images without at least one container associated to them" : "\n  - all dangling images");
        text.Append('\n');
        var shown = new[] { "label", "label!", "until" }.SelectMany(name => filters.Get(name).Select(value => name + "=" + value)).ToList();
        if (shown.Count > 0)
        {
            shown.Sort(NaturalOrder.Compare);
            text.Append("\n  Items to be pruned will be filtered with:");
            foreach (var filter in shown)
            {
                text.Append("\n  - ").Append(filter);
            }

            text.Append('\n');
        }

        return text.Append("\nAre you sure you want to continue?").ToString();
    }
}
