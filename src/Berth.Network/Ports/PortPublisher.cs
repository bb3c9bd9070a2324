using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Network.Firewall;
using Berth.Network.Proxy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Network.Ports;

/// <summary>
/// Publishes a container's ports as Docker does with its default userland-proxy=true: host ports are
/// reserved by binding them, DNAT rules carry external traffic in the kernel, and an in-process proxy
/// serves the bound sockets for what DNAT cannot (loopback, hairpin from the bridge, IPv6).
/// Lifecycle: <see cref="PublishAsync"/> when the container starts (it replaces an earlier publication of
/// the same container), <see cref="UnpublishAsync"/> when it stops; unpublishing is idempotent and also
/// removes rules a crashed daemon left. A failure leaves nothing behind.
/// </summary>
public sealed class PortPublisher : IAsyncDisposable
{
    private static readonly Lazy<bool> IPv6Listenable = new(CanListenOnIPv6Loopback);
    private readonly HostPortAllocator _allocator;
    private readonly IptablesFirewall? _firewall;
    private readonly ILogger _logger;
    private readonly TimeSpan _udpIdleTimeout;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Publication> _publications = [];

    /// <param name="firewall">Where DNAT rules go; null serves every port through the proxy alone.</param>
    /// <param name="udpIdleTimeout">How long a UDP flow lives without traffic (docker-proxy: 90 s).</param>
    public PortPublisher(HostPortAllocator allocator, IptablesFirewall? firewall, ILogger? logger = null, TimeSpan? udpIdleTimeout = null)
    {
        _allocator = allocator ?? throw new ArgumentNullException(nameof(allocator));
        _firewall = firewall;
        _logger = logger ?? NullLogger.Instance;
        _udpIdleTimeout = udpIdleTimeout ?? TimeSpan.FromSeconds(90);
    }

    /// <summary>Binds, programs and proxies every port of <paramref name="request"/>; returns one entry per bound address.</summary>
    /// <exception cref="BerthException">Kind Internal, in Docker's words, when a port cannot be had.</exception>
    public async Task<IReadOnlyList<PublishedPort>> PublishAsync(PublishRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await StopProxiesAsync(request.ContainerId).ConfigureAwait(false);
        var reserved = new List<ReservedPort>();
        var proxies = new List<IAsyncDisposable>();
        try
        {
            var published = new List<PublishedPort>();
            foreach (var mapping in request.Ports)
            {
                var container = new IPEndPoint(request.ContainerIp, mapping.ContainerPort);
                var last = mapping.HostPortEnd > mapping.HostPort ? mapping.HostPortEnd : mapping.HostPort;
                var ports = _allocator.Reserve(mapping.Protocol, HostAddresses(mapping), mapping.HostPort, last, container);
                reserved.AddRange(ports);
                published.AddRange(ports.Select(p => new PublishedPort(p.Protocol, p.HostIp, p.Port, mapping.ContainerPort)));
            }

            if (_firewall is not null)
            {
                await _firewall.SetContainerPortsAsync(request.ContainerId, request.BridgeName, request.ContainerIp, published, ct).ConfigureAwait(false);
            }

            for (var i = 0; i < reserved.Count; i++)
            {
                var backend = new IPEndPoint(request.ContainerIp, published[i].ContainerPort);
                proxies.Add(reserved[i].Protocol == PortProtocol.Tcp
                    ? TcpProxy.Start(reserved[i].Socket, backend, _logger)
                    : UdpProxy.Start(reserved[i].Socket, backend, _udpIdleTimeout, _logger));
            }

            lock (_lock)
            {
                _publications[request.ContainerId] = new Publication(published, reserved, proxies);
            }

            return published;
        }
        catch (Exception e)
        {
            await new Publication([], reserved, proxies).DisposeAsync().ConfigureAwait(false);
            await RemoveRulesAfterFailureAsync(request.ContainerId).ConfigureAwait(false);

            if (e is BerthException)
            {
                throw NetworkErrors.ExternalConnectivity(request.EndpointName, request.EndpointId, e);
            }

            throw;
        }
    }

    /// <summary>Stops the proxies, frees the host ports and removes the rules of the container.</summary>
    public async Task UnpublishAsync(string containerId, CancellationToken ct = default)
    {
        await StopProxiesAsync(containerId).ConfigureAwait(false);
        if (_firewall is not null)
        {
            await _firewall.RemoveContainerAsync(containerId, ct).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<PublishedPort> GetPublished(string containerId)
    {
        lock (_lock)
        {
            return _publications.TryGetValue(containerId, out var publication) ? publication.Ports : [];
        }
    }

    /// <summary>Stops every proxy and frees every port; the rules stay (the next daemon sweeps or re-publishes them).</summary>
    public async ValueTask DisposeAsync()
    {
        List<Publication> all;
        lock (_lock)
        {
            all = [.. _publications.Values];
            _publications.Clear();
        }

        foreach (var publication in all)
        {
            await publication.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RemoveRulesAfterFailureAsync(string containerId)
    {
        if (_firewall is null)
        {
            return;
        }

        try
        {
            await _firewall.RemoveContainerAsync(containerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BerthException)
        {
            // The publication's own failure is the one to report; a later unpublish or sweep removes the rules.
        }
    }

    private async Task StopProxiesAsync(string containerId)
    {
        Publication? publication;
        lock (_lock)
        {
            _publications.Remove(containerId, out publication);
        }

        if (publication is not null)
        {
            await publication.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>An unspecified host IP means 0.0.0.0 and, when the host can listen on IPv6, [::] too.</summary>
    private static IReadOnlyList<IPAddress> HostAddresses(PortMapping mapping) =>
        mapping.HostIp is { } ip ? [ip]
        : IPv6Listenable.Value ? [IPAddress.Any, IPAddress.IPv6Any]
        : [IPAddress.Any];

    /// <summary>moby's netutils.IsV6Listenable: listening on [::1] proves the host has IPv6.</summary>
    private static bool CanListenOnIPv6Loopback()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            probe.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed class Publication(IReadOnlyList<PublishedPort> ports, List<ReservedPort> reserved, List<IAsyncDisposable> proxies) : IAsyncDisposable
    {
        public IReadOnlyList<PublishedPort> Ports => ports;

        public async ValueTask DisposeAsync()
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var port in reserved)
            {
                port.Dispose();
            }
        }
    }
}
