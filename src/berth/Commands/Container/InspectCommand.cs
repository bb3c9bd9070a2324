using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker container inspect: GET /containers/{id}/json, the raw answer printed.</summary>
internal sealed class InspectCommand : DockerCommand
{
    private readonly Flag<string> _format = FormatFlag.ForInspect();
    private readonly Flag<bool> _size = Flags.Bool("size", 's', "Display total file sizes");

    public InspectCommand()
        : base("inspect", "[OPTIONS] CONTAINER [CONTAINER...]", "Display detailed information on one or more containers", ArgsRule.AtLeast(1))
    {
        Add(_format);
        Add(_size);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var size = parse.GetValue(_size);
        return Inspector.InspectAsync(context, parse.GetValue(Operands)!, parse.GetValue(_format) ?? "", (name, token) => context.Client.Containers.InspectRawAsync(name, size, token), ct);
    }
}
