using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network prune: confirm, POST /networks/prune, list the removed networks.</summary>
internal sealed class NetworkPruneCommand : DockerCommand
{
    private const string Warning = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"until=<timestamp>\")", shorthand: null);
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not prompt for confirmation");

    public NetworkPruneCommand()
        : base("prune", "[OPTIONS]", "Remove all unused networks", ArgsRule.None)
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

        var report = await context.Client.Networks.PruneAsync(FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        if (report.NetworksDeleted is { Count: > 0 } deleted)
        {
            await context.Out.WriteLineAsync("Deleted Networks:\n" + string.Concat(deleted.Select(name => name + "\n"))).ConfigureAwait(false);
        }

        return 0;
    }
}
