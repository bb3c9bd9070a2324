using System.CommandLine;
using System.Globalization;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands.Container;

/// <summary>docker port: the published ports from the container's NetworkSettings.Ports.</summary>
internal sealed class PortCommand : DockerCommand
{
    public PortCommand()
        : base("port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", ArgsRule.Between(1, 2))
    {
        AliasesText = "docker container port, docker port";
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var inspect = await context.Client.Containers.InspectAsync(operands[0], ct).ConfigureAwait(false);
        var lines = new List<string>();
        if (operands.Length > 1)
        {
            var slash = operands[1].IndexOf('/', StringComparison.Ordinal);
            var port = slash < 0 ? operands[1] : operands[1][..slash];
            var proto = slash < 0 || slash == operands[1].Length - 1 ? "tcp" : operands[1][(slash + 1)..];
            if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new CliStatusException(1, $"Error: invalid port ({port}): strconv.ParseUint: parsing {Flags.GoQuote(port)}: invalid syntax");
            }

            if (!inspect.NetworkSettings.Ports.TryGetValue(port + "/" + proto, out var frontends) || frontends is not { Count: > 0 })
            {
                throw new CliStatusException(1, $"Error: No public port '{operands[1]}' published for {operands[0]}");
            }

            lines.AddRange(frontends.Select(f => PortsText.JoinHostPort(f.HostIp, f.HostPort)));
        }
        else
        {
            foreach (var (from, frontends) in inspect.NetworkSettings.Ports)
            {
                lines.AddRange((frontends ?? []).Select(f => $"{from} -> {PortsText.JoinHostPort(f.HostIp, f.HostPort)}"));
            }
        }

        if (lines.Count > 0)
        {
            lines.Sort(NaturalOrder.Compare);
            await context.Out.WriteLineAsync(string.Join('\n', lines)).ConfigureAwait(false);
        }

        return 0;
    }
}
