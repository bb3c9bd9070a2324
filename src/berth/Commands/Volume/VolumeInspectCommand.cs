using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Volume;

/// <summary>docker volume inspect: GET /volumes/{name}.</summary>
internal sealed class VolumeInspectCommand : DockerCommand
{
    private readonly Flag<string> _format = FormatFlag.ForInspect();

    public VolumeInspectCommand()
        : base("inspect", "[OPTIONS] VOLUME [VOLUME...]", "Display detailed information on one or more volumes", ArgsRule.AtLeast(1))
    {
        Add(_format);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct) =>
        Inspector.InspectAsync(context, parse.GetValue(Operands)!, parse.GetValue(_format) ?? "", context.Client.Volumes.InspectRawAsync, ct);
}
