using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network rm: DELETE /networks/{name} for each; errors are printed as they come, then exit status 1.</summary>
internal sealed class NetworkRemoveCommand : DockerCommand
{
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not error if the network does not exist");

    public NetworkRemoveCommand()
        : base("rm", "NETWORK [NETWORK...]", "Remove one or more networks", ArgsRule.AtLeast(1), "remove")
    {
        AliasesText = "docker network rm, docker network remove";
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var status = 0;
        foreach (var name in parse.GetValue(Operands)!)
        {
            try
            {
                await context.Client.Networks.RemoveAsync(name, ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync(name).ConfigureAwait(false);
            }
            catch (DaemonException e) when (parse.GetValue(_force) && e.IsNotFound)
            {
                // -f: a network that is not there is no error
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                await context.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
                status = 1;
            }
        }

        return status;
    }
}
