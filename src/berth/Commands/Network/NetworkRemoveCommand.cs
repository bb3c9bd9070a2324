using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client;

namespace Berth.Cli.Commands.Network;

/// <summary>
/// docker network rm: for each name an inspect (the ingress network asks first), then
/// DELETE /networks/{name}; errors are printed as they come and the end says "exit status 1".
/// </summary>
internal sealed class NetworkRemoveCommand : DockerCommand
{
    private const string IngressWarning = "WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. " +
        "Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?";

    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Do not error if the network does not exist");

    public NetworkRemoveCommand()
        : base("rm", "NETWORK [NETWORK...]", "Remove one or more networks", ArgsRule.AtLeast(1), "remove")
    {
        AliasesText = "docker network rm, docker network remove";
        Add(_force);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var failed = false;
        foreach (var name in parse.GetValue(Operands)!)
        {
            if (await IsIngressAsync(context, name, ct).ConfigureAwait(false) && !await Prompt.ConfirmAsync(context, IngressWarning, ct).ConfigureAwait(false))
            {
                continue;
            }

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
                failed = true;
            }
        }

        return failed ? throw new CliStatusException(1, "exit status 1") : 0;
    }

    private static async Task<bool> IsIngressAsync(CliContext context, string name, CancellationToken ct)
    {
        try
        {
            return (await context.Client.Networks.InspectAsync(name, ct).ConfigureAwait(false)).Ingress;
        }
        catch (Exception e) when (Batch.IsReportable(e))
        {
            // the removal reports what is wrong with the name
            return false;
        }
    }
}
