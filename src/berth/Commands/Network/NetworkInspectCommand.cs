using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network inspect: GET /networks/{name}.</summary>
internal sealed class NetworkInspectCommand : DockerCommand
{
    private readonly Flag<string> _format = FormatFlag.ForInspect();
    private readonly Flag<bool> _verbose = Flags.Bool("verbose", 'v', "Verbose output for diagnostics");

    public NetworkInspectCommand()
        : base("inspect", "[OPTIONS] NETWORK [NETWORK...]", "Display detailed information on one or more networks", ArgsRule.AtLeast(1))
    {
        Add(_format);
        Add(_verbose);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var verbose = parse.GetValue(_verbose);
        return Inspector.InspectAsync(context, parse.GetValue(Operands)!, parse.GetValue(_format) ?? "", (name, token) => context.Client.Networks.InspectRawAsync(name, verbose, null, token), ct);
    }
}
