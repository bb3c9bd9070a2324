using System.CommandLine;
using System.Net;
using Berth.Api.Contracts.Networks;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network create: POST /networks/create with the IPAM configuration built from --subnet, --ip-range and --gateway.</summary>
internal sealed class NetworkCreateCommand : DockerCommand
{
    private readonly Flag<bool> _attachable = Flags.Bool("attachable", null, "Enable manual container attachment");
    private readonly Flag<string[]> _auxAddress = Flags.List("aux-address", null, "Auxiliary IPv4 or IPv6 addresses used by Network driver", "map", defaultText: "map[]");
    private readonly Flag<string> _configFrom = Flags.String("config-from", null, "The network from which to copy the configuration");
    private readonly Flag<bool> _configOnly = Flags.Bool("config-only", null, "Create a configuration only network");
    private readonly Flag<string> _driver = Flags.String("driver", 'd', "Driver to manage the Network", "bridge");
    private readonly Flag<string[]> _gateway = Flags.List("gateway", null, "IPv4 or IPv6 Gateway for the master subnet", "strings");
    private readonly Flag<bool> _ingress = Flags.Bool("ingress", null, "Create swarm routing-mesh network");
    private readonly Flag<bool> _internal = Flags.Bool("internal", null, "Restrict external access to the network");
    private readonly Flag<string[]> _ipRange = Flags.List("ip-range", null, "Allocate container ip from a sub-range", "strings");
    private readonly Flag<string> _ipamDriver = Flags.String("ipam-driver", null, "IP Address Management Driver", "default");
    private readonly Flag<string[]> _ipamOpt = Flags.List("ipam-opt", null, "Set IPAM driver specific options", "map", defaultText: "map[]");
    private readonly Flag<bool> _ipv4 = Flags.Bool("ipv4", null, "Enable or disable IPv4 address assignment", defaultValue: true);
    private readonly Flag<bool> _ipv6 = Flags.Bool("ipv6", null, "Enable or disable IPv6 address assignment");
    private readonly Flag<string[]> _label = Flags.List("label", null, "Set metadata on a network", validate: FlagValidators.Label);
    private readonly Flag<string[]> _opt = Flags.List("opt", 'o', "Set driver specific options", "map", defaultText: "map[]");
    private readonly Flag<string> _scope = Flags.String("scope", null, "Control the network's scope");
    private readonly Flag<string[]> _subnet = Flags.List("subnet", null, "Subnet in CIDR format that represents a network segment", "strings");

    public NetworkCreateCommand()
        : base("create", "[OPTIONS] NETWORK", "Create a network", ArgsRule.Exactly(1))
    {
        Add(_attachable);
        Add(_auxAddress);
        Add(_configFrom);
        Add(_configOnly);
        Add(_driver);
        Add(_gateway);
        Add(_ingress);
        Add(_internal);
        Add(_ipRange);
        Add(_ipamDriver);
        Add(_ipamOpt);
        Add(_ipv4);
        Add(_ipv6);
        Add(_label);
        Add(_opt);
        Add(_scope);
        Add(_subnet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var request = new NetworkCreateRequest
        {
            Name = parse.GetValue(Operands)![0],
            Driver = parse.GetValue(_driver),
            Options = KeyValues.ToMap(parse.GetValue(_opt)!) ?? [],
            IPAM = Ipam(parse),
            Internal = parse.GetValue(_internal),
            EnableIPv4 = Given(parse, _ipv4) ? parse.GetValue(_ipv4) : null,
            EnableIPv6 = Given(parse, _ipv6) ? parse.GetValue(_ipv6) : null,
            Attachable = parse.GetValue(_attachable),
            Ingress = parse.GetValue(_ingress),
            Scope = parse.GetValue(_scope) is { Length: > 0 } scope ? scope : null,
            ConfigOnly = parse.GetValue(_configOnly),
            ConfigFrom = parse.GetValue(_configFrom) is { Length: > 0 } from ? new ConfigReference { Network = from } : null,
            Labels = KeyValues.ToMap(parse.GetValue(_label)!) ?? [],
        };
        var response = await context.Client.Networks.CreateAsync(request, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(response.Id).ConfigureAwait(false);
        return 0;
    }

    private Ipam Ipam(ParseResult parse)
    {
        var subnets = KeyValues.SplitCommas(parse.GetValue(_subnet)!);
        var ranges = KeyValues.SplitCommas(parse.GetValue(_ipRange)!);
        var gateways = KeyValues.SplitCommas(parse.GetValue(_gateway)!);
        if (subnets.Count < ranges.Count || subnets.Count < gateways.Count)
        {
            throw new CliStatusException(1, "every ip-range or gateway must have a corresponding subnet");
        }

        var configs = new Dictionary<string, IpamConfig>();
        foreach (var subnet in subnets)
        {
            if (configs.Keys.Any(existing => Contains(subnet, existing) || Contains(existing, subnet)))
            {
                throw new CliStatusException(1, "multiple overlapping subnet configuration is not supported");
            }

            configs[subnet] = new IpamConfig { Subnet = subnet, AuxiliaryAddresses = [] };
        }

        foreach (var range in ranges)
        {
            var matches = subnets.Where(s => Contains(s, range)).ToList();
            if (matches.Count == 0)
            {
                throw new CliStatusException(1, $"no matching subnet for range {range}");
            }

            foreach (var subnet in matches)
            {
                configs[subnet].IPRange = configs[subnet].IPRange is { Length: > 0 } existing
                    ? throw new CliStatusException(1, $"cannot configure multiple ranges ({range}, {existing}) on the same subnet ({subnet})")
                    : range;
            }
        }

        foreach (var gateway in gateways)
        {
            var matches = subnets.Where(s => Contains(s, gateway)).ToList();
            if (matches.Count == 0)
            {
                throw new CliStatusException(1, $"no matching subnet for gateway {gateway}");
            }

            foreach (var subnet in matches)
            {
                configs[subnet].Gateway = configs[subnet].Gateway is { Length: > 0 } existing
                    ? throw new CliStatusException(1, $"cannot configure multiple gateways ({gateway}, {existing}) for the same subnet ({subnet})")
                    : gateway;
            }
        }

        foreach (var (key, address) in KeyValues.ToMap(parse.GetValue(_auxAddress)!) ?? [])
        {
            var matches = subnets.Where(s => Contains(s, address)).ToList();
            if (matches.Count == 0)
            {
                throw new CliStatusException(1, $"no matching subnet for aux-address {address}");
            }

            foreach (var subnet in matches)
            {
                configs[subnet].AuxiliaryAddresses![key] = address;
            }
        }

        return new Ipam { Driver = parse.GetValue(_ipamDriver) ?? "default", Config = [.. configs.Values], Options = KeyValues.ToMap(parse.GetValue(_ipamOpt)!) ?? [] };
    }

    /// <summary>Whether <paramref name="data"/> (an address or a CIDR) lies in <paramref name="subnet"/>.</summary>
    private static bool Contains(string subnet, string data)
    {
        if (!IPNetwork.TryParse(subnet, out var network))
        {
            throw new CliStatusException(1, $"invalid subnet: invalid CIDR address: {subnet}");
        }

        var text = data.Contains('/', StringComparison.Ordinal) ? data[..data.IndexOf('/', StringComparison.Ordinal)] : data;
        return IPAddress.TryParse(text, out var address) && network.Contains(address);
    }
}
