using System.CommandLine;
using Berth.Api.Contracts.Networks;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network disconnect: POST /networks/{name}/disconnect.</summary>
internal sealed class NetworkDisconnectCommand : DockerCommand
{
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Force the container to disconnect from a network");

    public NetworkDisconnectCommand()
        : base("disconnect", "[OPTIONS] NETWORK CONTAINER", "Disconnect a container from a network", ArgsRule.Exactly(2))
    {
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        await context.Client.Networks.DisconnectAsync(operands[0], new NetworkDisconnectRequest { Container = operands[1], Force = parse.GetValue(_force) }, ct).ConfigureAwait(false);
        return 0;
    }
}
