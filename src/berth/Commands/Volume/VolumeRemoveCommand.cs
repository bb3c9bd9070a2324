using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Volume;

/// <summary>docker volume rm: DELETE /volumes/{name} for each, one after the other.</summary>
internal sealed class VolumeRemoveCommand : DockerCommand
{
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Force the removal of one or more volumes");

    public VolumeRemoveCommand()
        : base("rm", "[OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes", ArgsRule.AtLeast(1), "remove")
    {
        AliasesText = "docker volume rm, docker volume remove";
        LongDescription = "Remove one or more volumes. You cannot remove a volume that is in use by a container.";
        Add(_force);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var force = parse.GetValue(_force);
        return Batch.RunAsync(context, parse.GetValue(Operands)!, (name, token) => context.Client.Volumes.RemoveAsync(name, force, token), ct, parallel: false);
    }
}
