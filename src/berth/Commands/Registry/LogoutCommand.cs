using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Commands.Image;

namespace Berth.Cli.Commands.Registry;

/// <summary>docker logout: forget the stored credentials of a registry.</summary>
internal sealed class LogoutCommand : DockerCommand
{
    public LogoutCommand()
        : base("logout", "[SERVER]", "Log out from a registry", ArgsRule.AtMost(1))
    {
        LongDescription = "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.";
        TopRank = 9;
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var server = parse.GetValue(Operands) is [var given] ? given : RegistryAuth.DockerHubServer;
        var hostname = server == RegistryAuth.DockerHubServer ? server : Hostname(server);
        await context.Out.WriteLineAsync("Removing login credentials for " + hostname).ConfigureAwait(false);
        string[] candidates = server == RegistryAuth.DockerHubServer ? [server] : [server, hostname, "http://" + hostname, "https://" + hostname];
        var removed = false;
        foreach (var candidate in candidates.Distinct())
        {
            removed |= context.Config.RemoveCredentials(candidate);
        }

        if (!removed)
        {
            await context.Err.WriteLineAsync("WARNING: could not erase credentials:").ConfigureAwait(false);
            foreach (var candidate in candidates.Distinct())
            {
                await context.Err.WriteLineAsync($"{candidate}: not logged in to {candidate}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>credentials.ConvertToHostname: the host part of a registry address.</summary>
    private static string Hostname(string server)
    {
        var stripped = server.Replace("http://", "", StringComparison.Ordinal).Replace("https://", "", StringComparison.Ordinal);
        return stripped.Split('/')[0];
    }
}
