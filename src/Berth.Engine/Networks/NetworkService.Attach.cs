using System.Globalization;
using System.Net;
using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Containers;
using Berth.Network;
using Berth.Network.Bridge;
using Berth.Network.Dns;
using Berth.Network.Files;
using Berth.Network.Ipam;
using Berth.Network.Links;
using Berth.Network.Ports;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>
    /// Before a container starts: its namespace, an address on each of its networks (lowest free, leased
    /// in the database), veths, published ports, the embedded DNS on user networks, link entries and env,
    /// and the contents of its /etc/hosts and /etc/resolv.conf. All or nothing.
    /// </summary>
    public async Task<NetworkSetup> AttachAsync(ContainerRecord c, CancellationToken ct)
    {
        var mode = c.Host.NetworkMode;
        var extraHosts = ExtraHosts(c);
        var overrides = Overrides(c);
        var hostResolv = File.Exists(ResolvConf.HostPath) ? await File.ReadAllTextAsync(ResolvConf.HostPath, ct).ConfigureAwait(false) : "";
        if (mode == "host")
        {
            var hosts = File.Exists("/etc/hosts") ? await File.ReadAllTextAsync("/etc/hosts", ct).ConfigureAwait(false) : "";
            return new NetworkSetup
            {
                HostNetwork = true,
                HostsFile = hosts + string.Concat(extraHosts.Select(h => $"{h.Address}\t{h.Names}\n")),
                ResolvConf = hostResolv,
            };
        }

        if (mode.StartsWith("container:", StringComparison.Ordinal))
        {
            var other = _containers.Find(mode["container:".Length..]);
            if (!other.State.Status.IsRunning() || other.State.Pid == 0)
            {
                throw Errors.Conflict($"cannot join network of a non running container: {other.Id}");
            }

            return new NetworkSetup
            {
                NetnsPath = $"/proc/{other.State.Pid}/ns/net",
                HostsFile = HostsFile.Build(new HostsFileSpec { Hostname = c.Config.Hostname, ExtraHosts = extraHosts }),
                ResolvConf = ResolvConf.ForDefaultBridge(hostResolv, overrides),
            };
        }

        if (mode == "none" || c.Networks.Count == 0)
        {
            return new NetworkSetup
            {
                HostsFile = HostsFile.Build(new HostsFileSpec { Hostname = c.Config.Hostname, DomainName = Domain(c), ExtraHosts = extraHosts }),
                ResolvConf = ResolvConf.ForDefaultBridge(hostResolv, overrides),
            };
        }

        await TeardownsDoneAsync().ConfigureAwait(false);
        await using var undo = new UndoScope();
        var netns = await _namespaces.CreateAsync(c.Id).ConfigureAwait(false);
        var state = new ContainerNetworkState(c.Id, netns);
        undo.Push(() => DetachAsync(c.Id));
        _running[c.Id] = state;

        var endpoints = new Dictionary<string, NetworkAttachment>(StringComparer.Ordinal);
        var primary = c.Networks.OrderBy(n => n.Key == mode ? 0 : 1).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
        var index = 0;
        foreach (var (name, attachment) in primary)
        {
            var network = _store.ById(attachment.NetworkId) ?? throw Errors.NoSuchNetwork(name);
            var endpoint = await ConnectEndpointAsync(c, network, attachment, netns, index, ct).ConfigureAwait(false);
            state.Endpoints.Add((network.Id, endpoint));
            endpoints[name] = Attached(attachment, endpoint);
            EmitEndpointEvent("connect", network.Id, c.Id);
            index++;
        }

        var first = endpoints[primary[0].Key];
        var firstNetwork = _store.ById(first.NetworkId)!;
        var published = await PublishAsync(c, firstNetwork, first, ct).ConfigureAwait(false);

        var userNetworks = endpoints.Values.Select(e => _store.ById(e.NetworkId)!).Where(n => n.IsUserDefined).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        string resolv;
        if (userNetworks.Count > 0)
        {
            var conf = ResolvConf.ForInternalResolver(hostResolv, overrides);
            var forwarder = new DnsForwarder(conf.Upstreams.Select(u => new IPEndPoint(u.Address, 53)));
            state.Dns = await EmbeddedDnsServer.StartAsync(netns, new NetworkDnsRecords(_containers, userNetworks), forwarder, _log).ConfigureAwait(false);
            resolv = conf.Content;
        }
        else
        {
            resolv = ResolvConf.ForDefaultBridge(hostResolv, overrides);
        }

        var (links, linkEnv) = firstNetwork.Name == "bridge" ? Links(c) : ([], []);
        var hostsFile = HostsFile.Build(new HostsFileSpec
        {
            Hostname = c.Config.Hostname,
            DomainName = Domain(c),
            Addresses = endpoints.Values.Select(e => IPAddress.Parse(e.IPAddress)).ToList(),
            ExtraHosts = extraHosts,
            Links = links,
        });
        undo.Complete();
        return new NetworkSetup
        {
            NetnsPath = netns,
            Endpoints = endpoints,
            Ports = published,
            HostsFile = hostsFile,
            ResolvConf = resolv,
            LinkEnvironment = linkEnv,
        };
    }

    private async Task<BridgeEndpoint> ConnectEndpointAsync(ContainerRecord c, NetworkRecord network, NetworkAttachment attachment, string netns, int index, CancellationToken ct)
    {
        if (!network.IsBridge)
        {
            throw Errors.InvalidArgument($"container cannot be connected to network {network.Name} of driver {network.Driver}");
        }

        var subnet = NetworkSubnet.Parse(network.Subnet, network.Gateway);
        var requested = attachment.RequestedIPv4 is { Length: > 0 } ip ? subnet.ParseAddress(ip) : null;
        var address = await LeaseAsync(network, subnet, requested, c.Id).ConfigureAwait(false);
        var mac = attachment.RequestedMac is { Length: > 0 } m ? System.Net.NetworkInformation.PhysicalAddress.Parse(m.Replace(":", "-", StringComparison.Ordinal).ToUpperInvariant()) : null;
        return await _bridges.ConnectAsync(new EndpointRequest(c.Id, netns, network.BridgeName, new InterfaceAddress(address, subnet.Subnet.PrefixLength), index == 0 ? subnet.Gateway : null)
        {
            InterfaceName = "eth" + index.ToString(CultureInfo.InvariantCulture),
            Mac = mac,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The lowest free address (or the one asked for), taken in the database so no two containers ever share it.</summary>
    private async Task<IPAddress> LeaseAsync(NetworkRecord network, NetworkSubnet subnet, IPAddress? requested, string containerId)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var inUse = (await _store.LeasedAddressesAsync(network.Id).ConfigureAwait(false)).Select(IPAddress.Parse).ToHashSet();
            if (requested is not null && inUse.Contains(requested))
            {
                throw Errors.Conflict($"Address already in use");
            }

            var address = _ipam.AllocateAddress(subnet, inUse, requested);
            if (await _store.TryLeaseAsync(network.Id, address.ToString(), containerId).ConfigureAwait(false))
            {
                return address;
            }
        }

        throw Errors.Internal($"could not allocate an address on network {network.Name}");
    }

    private static NetworkAttachment Attached(NetworkAttachment attachment, BridgeEndpoint endpoint) => attachment with
    {
        EndpointId = ContainerId.New().Value,
        IPAddress = endpoint.Address.Address.ToString(),
        PrefixLength = endpoint.Address.PrefixLength,
        Gateway = endpoint.Gateway?.ToString() ?? "",
        MacAddress = string.Join(':', endpoint.Mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
    };

    /// <summary>-p and -P: published on the container's first network, DNAT in the kernel plus the userland proxy.</summary>
    private async Task<IReadOnlyList<PublishedPortRecord>> PublishAsync(ContainerRecord c, NetworkRecord network, NetworkAttachment endpoint, CancellationToken ct)
    {
        var mappings = PortMappings(c);
        if (mappings.Count == 0)
        {
            return [];
        }

        var published = await _ports.PublishAsync(new PublishRequest(c.Id, c.Name, endpoint.EndpointId, network.BridgeName, IPAddress.Parse(endpoint.IPAddress), mappings), ct).ConfigureAwait(false);
        return published.Select(p => new PublishedPortRecord(p.Protocol.ToString().ToLowerInvariant(), p.ContainerPort, p.HostIp.ToString(), p.HostPort)).ToList();
    }

    private static List<PortMapping> PortMappings(ContainerRecord c)
    {
        var mappings = new List<PortMapping>();
        foreach (var (port, bindings) in c.Host.PortBindings)
        {
            var (number, protocol) = ParsePort(port);
            foreach (var binding in bindings.Count == 0 ? [new PortBindingSettings("", "")] : bindings)
            {
                var (first, last) = ParseHostPorts(binding.HostPort);
                mappings.Add(new PortMapping(protocol, number)
                {
                    HostIp = binding.HostIp.Length > 0 ? IPAddress.Parse(binding.HostIp) : null,
                    HostPort = first,
                    HostPortEnd = last,
                });
            }
        }

        if (c.Host.PublishAllPorts)
        {
            foreach (var port in c.Config.ExposedPorts.Where(p => !c.Host.PortBindings.ContainsKey(p)))
            {
                var (number, protocol) = ParsePort(port);
                mappings.Add(new PortMapping(protocol, number));
            }
        }

        return mappings;
    }

    public static (int Number, PortProtocol Protocol) ParsePort(string port)
    {
        var slash = port.IndexOf('/', StringComparison.Ordinal);
        var number = slash < 0 ? port : port[..slash];
        var proto = slash < 0 ? "tcp" : port[(slash + 1)..];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 65535)
        {
            throw Errors.InvalidArgument($"invalid port specification: \"{port}\"");
        }

        return (n, proto.ToLowerInvariant() switch
        {
            "tcp" => PortProtocol.Tcp,
            "udp" => PortProtocol.Udp,
            _ => throw Errors.InvalidArgument($"invalid proto: {proto}"),
        });
    }

    private static (int First, int Last) ParseHostPorts(string hostPort)
    {
        if (hostPort.Length == 0)
        {
            return (0, 0);
        }

        var dash = hostPort.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (Port(hostPort), 0);
        }

        return (Port(hostPort[..dash]), Port(hostPort[(dash + 1)..]));

        static int Port(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 65535
            ? n
            : throw Errors.InvalidArgument($"invalid hostPort: {text}");
    }

    /// <summary>--link target[:alias]: the target must run on the default bridge; gives hosts entries and ALIAS_* env.</summary>
    private (IReadOnlyList<HostsLink> Hosts, IReadOnlyList<string> Env) Links(ContainerRecord c)
    {
        var hosts = new List<HostsLink>();
        var env = new List<string>();
        foreach (var link in c.Host.Links)
        {
            var (target, alias) = SplitLink(link);
            var child = _containers.Find(target);
            if (!child.State.Status.IsRunning())
            {
                throw Errors.Conflict($"Cannot link to a non running container: /{child.Name} AS /{c.Name}/{alias}");
            }

            var address = child.Networks.TryGetValue("bridge", out var onBridge) && onBridge.IPAddress.Length > 0
                ? onBridge.IPAddress
                : throw Errors.Conflict($"Cannot link to /{child.Name}, as it does not belong to the default network");
            hosts.Add(new HostsLink(IPAddress.Parse(address), alias, child.Config.Hostname, child.Name));
            var ports = child.Config.ExposedPorts.Select(p => ParsePort(p)).Select(p => new ExposedPort(p.Number, p.Protocol.ToString().ToLowerInvariant()));
            env.AddRange(LinkEnvironment.Build($"/{c.Name}/{alias}", address, ports, child.Config.Env));
        }

        return (hosts, env);
    }

    public static (string Target, string Alias) SplitLink(string link)
    {
        var colon = link.IndexOf(':', StringComparison.Ordinal);
        var target = (colon < 0 ? link : link[..colon]).TrimStart('/');
        var alias = colon < 0 ? target : link[(colon + 1)..].TrimStart('/');
        if (alias.Contains('/', StringComparison.Ordinal))
        {
            alias = alias[(alias.LastIndexOf('/') + 1)..];
        }

        return (target, alias);
    }

    private static List<HostsEntry> ExtraHosts(ContainerRecord c)
    {
        var entries = new List<HostsEntry>();
        foreach (var entry in c.Host.ExtraHosts)
        {
            var cut = entry.IndexOf('=', StringComparison.Ordinal) is var eq && eq > 0 ? eq : entry.IndexOf(':', StringComparison.Ordinal);
            if (cut <= 0 || !IPAddress.TryParse(entry[(cut + 1)..].Trim('[', ']'), out var address))
            {
                throw Errors.InvalidArgument($"invalid IP address in add-host: \"{(cut > 0 ? entry[(cut + 1)..] : entry)}\"");
            }

            entries.Add(new HostsEntry(address, entry[..cut]));
        }

        return entries;
    }

    private static ResolvConfOverrides Overrides(ContainerRecord c) => new()
    {
        Nameservers = c.Host.Dns.Count > 0 ? c.Host.Dns.Select(IPAddress.Parse).ToList() : null,
        Search = c.Host.DnsSearch.Count > 0 ? c.Host.DnsSearch : null,
        Options = c.Host.DnsOptions.Count > 0 ? c.Host.DnsOptions : null,
    };

    private static string? Domain(ContainerRecord c) => c.Config.Domainname.Length > 0 ? c.Config.Domainname : null;

    /// <summary>After a container stops (or a start failed half way): DNS, ports, endpoints, namespace and leases all go.</summary>
    public async Task DetachAsync(string containerId)
    {
        if (_running.TryRemove(containerId, out var state))
        {
            await state.DisposeAsync().ConfigureAwait(false);
            foreach (var (networkId, endpoint) in state.Endpoints)
            {
                _bridges.Unplug(endpoint);
                EmitEndpointEvent("disconnect", networkId, containerId);
            }
        }

        // a daemon start sweeps what a crashed daemon left, so only this daemon's publications need undoing;
        // asking the firewall for every container would cost an iptables-save per stop
        if (_ports.GetPublished(containerId).Count > 0)
        {
            await _ports.UnpublishAsync(containerId).ConfigureAwait(false);
        }

        _namespaces.Delete(containerId);
        await _store.ReleaseAsync(containerId).ConfigureAwait(false);
    }

    /// <summary>moby's "network connect"/"disconnect" as a container's endpoint comes and goes with its start and stop.</summary>
    private void EmitEndpointEvent(string action, string networkId, string containerId)
    {
        if (_store.ById(networkId) is { } network)
        {
            _events.Publish(new Events.EngineEvent("network", action, network.Id,
                new Dictionary<string, string> { ["container"] = containerId, ["name"] = network.Name, ["type"] = network.Driver }, DateTime.UtcNow));
        }
    }
}
