using System.CommandLine;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Networks;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network connect: POST /networks/{name}/connect with the endpoint settings.</summary>
internal sealed class NetworkConnectCommand : DockerCommand
{
    private readonly Flag<string[]> _alias = Flags.List("alias", null, "Add network-scoped alias for the container", "strings");
    private readonly Flag<string[]> _driverOpt = Flags.List("driver-opt", null, "driver options for the network", "strings");
    private readonly Flag<int> _gwPriority = Flags.Int("gw-priority", null, "Highest gw-priority provides the default gateway. Accepts positive and negative values.");
    private readonly Flag<string> _ip = Flags.String("ip", null, "IPv4 address (e.g., \"172.30.100.104\")");
    private readonly Flag<string> _ip6 = Flags.String("ip6", null, "IPv6 address (e.g., \"2001:db8::33\")");
    private readonly Flag<string[]> _link = Flags.List("link", null, "Add link to another container", validate: FlagValidators.Link);
    private readonly Flag<string[]> _linkLocalIp = Flags.List("link-local-ip", null, "Add a link-local address for the container", "strings");

    public NetworkConnectCommand()
        : base("connect", "[OPTIONS] NETWORK CONTAINER", "Connect a container to a network", ArgsRule.Exactly(2))
    {
        Add(_alias);
        Add(_driverOpt);
        Add(_gwPriority);
        Add(_ip);
        Add(_ip6);
        Add(_link);
        Add(_linkLocalIp);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var driverOpts = new Dictionary<string, string>();
        foreach (var option in KeyValues.SplitCommas(parse.GetValue(_driverOpt)!))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || option[..equals].Trim().Length == 0)
            {
                throw new CliStatusException(1, "invalid key/value pair format in driver options");
            }

            driverOpts[option[..equals].Trim()] = option[(equals + 1)..].Trim();
        }

        var aliases = KeyValues.SplitCommas(parse.GetValue(_alias)!);
        var linkLocal = KeyValues.SplitCommas(parse.GetValue(_linkLocalIp)!);
        var links = parse.GetValue(_link)!;
        var endpoint = new EndpointSettings
        {
            IPAMConfig = new EndpointIpamConfig
            {
                IPv4Address = parse.GetValue(_ip) is { Length: > 0 } ip ? ip : null,
                IPv6Address = parse.GetValue(_ip6) is { Length: > 0 } ip6 ? ip6 : null,
                LinkLocalIPs = linkLocal.Count > 0 ? linkLocal : null,
            },
            Links = links.Length > 0 ? [.. links] : null,
            Aliases = aliases.Count > 0 ? aliases : null,
            DriverOpts = driverOpts,
            GwPriority = parse.GetValue(_gwPriority),
        };
        await context.Client.Networks.ConnectAsync(operands[0], new NetworkConnectRequest { Container = operands[1], EndpointConfig = endpoint }, ct).ConfigureAwait(false);
        return 0;
    }
}
