using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Ports;

/// <summary>
/// Host ports for published container ports, as moby's portallocator plus OS allocator: a port is first
/// reserved in-process (another container holding it gives "port is already allocated"), then bound
/// (another process holding it gives the kernel's refusal). The bound socket is kept and later served by
/// the proxy, so nothing can take the port in between. Ephemeral ports come from the kernel's local port
/// range (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 by default), next after the last one given.
/// Thread-safe; one instance per daemon.
/// </summary>
public sealed class HostPortAllocator
{
    private const int TcpBacklog = 512;
    private readonly Lock _lock = new();
    private readonly HashSet<(PortProtocol Protocol, IPAddress HostIp, int Port)> _allocated = [];
    private readonly Dictionary<PortProtocol, int> _lastEphemeral = [];

    public HostPortAllocator(int ephemeralFirst = 0, int ephemeralLast = 0)
    {
        (EphemeralFirst, EphemeralLast) = ephemeralFirst > 0 && ephemeralLast >= ephemeralFirst
            ? (ephemeralFirst, ephemeralLast)
            : ReadLocalPortRange();
    }

    public int EphemeralFirst { get; }

    public int EphemeralLast { get; }

    /// <summary>True when another container of this daemon holds the port.</summary>
    public bool IsAllocated(PortProtocol protocol, IPAddress hostIp, int port)
    {
        lock (_lock)
        {
            return _allocated.Contains((protocol, hostIp, port));
        }
    }

    /// <summary>Reserves and binds one port number on every address of <paramref name="hostIps"/> (0.0.0.0 and [::] share it).</summary>
    internal IReadOnlyList<ReservedPort> Reserve(PortProtocol protocol, IReadOnlyList<IPAddress> hostIps, int first, int last, IPEndPoint container)
    {
        if (first == 0)
        {
            (first, last) = (EphemeralFirst, EphemeralLast);
        }

        if (first == last)
        {
            return ReserveExact(protocol, hostIps, first, container);
        }

        var span = last - first + 1;
        int start;
        lock (_lock)
        {
            start = _lastEphemeral.TryGetValue(protocol, out var previous) && previous >= first && previous <= last ? previous : last;
        }

        for (var i = 1; i <= span; i++)
        {
            var port = first + ((start - first + i) % span);
            if (TryReserve(protocol, hostIps, port, out _))
            {
                try
                {
                    var reserved = Bind(protocol, hostIps, port, container);
                    lock (_lock)
                    {
                        _lastEphemeral[protocol] = port;
                    }

                    return reserved;
                }
                catch (SocketException)
                {
                    ReleaseAll(protocol, hostIps, port);
                }
            }
        }

        throw NetworkErrors.AllPortsAllocated();
    }

    internal void Release(PortProtocol protocol, IPAddress hostIp, int port)
    {
        lock (_lock)
        {
            _allocated.Remove((protocol, hostIp, port));
        }
    }

    private List<ReservedPort> ReserveExact(PortProtocol protocol, IReadOnlyList<IPAddress> hostIps, int port, IPEndPoint container)
    {
        if (!TryReserve(protocol, hostIps, port, out var taken))
        {
            throw NetworkErrors.PortAlreadyAllocated(taken!, port);
        }

        try
        {
            return Bind(protocol, hostIps, port, container);
        }
        catch (SocketException e)
        {
            ReleaseAll(protocol, hostIps, port);
            var failed = e.Data["hostIp"] as IPAddress ?? hostIps[0];
            throw NetworkErrors.HostPortBindFailed(Describe(protocol, failed, port, container), GoStyle(e.Message));
        }
    }

    private bool TryReserve(PortProtocol protocol, IReadOnlyList<IPAddress> hostIps, int port, out IPAddress? taken)
    {
        lock (_lock)
        {
            taken = hostIps.FirstOrDefault(ip => _allocated.Contains((protocol, ip, port)));
            if (taken is not null)
            {
                return false;
            }

            foreach (var ip in hostIps)
            {
                _allocated.Add((protocol, ip, port));
            }

            return true;
        }
    }

    private void ReleaseAll(PortProtocol protocol, IReadOnlyList<IPAddress> hostIps, int port)
    {
        foreach (var ip in hostIps)
        {
            Release(protocol, ip, port);
        }
    }

    /// <exception cref="SocketException">With the failing host address in <c>Data["hostIp"]</c>.</exception>
    private List<ReservedPort> Bind(PortProtocol protocol, IReadOnlyList<IPAddress> hostIps, int port, IPEndPoint container)
    {
        var bound = new List<ReservedPort>();
        try
        {
            foreach (var ip in hostIps)
            {
                bound.Add(new ReservedPort(this, protocol, ip, port, BindOne(protocol, ip, port)));
            }

            return bound;
        }
        catch
        {
            foreach (var reserved in bound)
            {
                reserved.Socket.Dispose();
            }

            throw;
        }
    }

    private static Socket BindOne(PortProtocol protocol, IPAddress ip, int port)
    {
        var socket = protocol == PortProtocol.Tcp
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            // TCP only: a restarted container must get its port back despite TIME_WAIT, while on UDP
            // SO_REUSEADDR would let two sockets share the port and hide a conflict.
            if (protocol == PortProtocol.Tcp)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(ip, port));
            if (protocol == PortProtocol.Tcp)
            {
                socket.Listen(TcpBacklog);
            }

            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            e.Data["hostIp"] = ip;
            throw;
        }
    }

    /// <summary>moby's PortBinding.String(): HostIP:HostPort:IP:Port/proto.</summary>
    private static string Describe(PortProtocol protocol, IPAddress hostIp, int port, IPEndPoint container)
    {
        var host = hostIp.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{hostIp}]" : hostIp.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{port}:{container.Address}:{container.Port}/{protocol.ToString().ToLowerInvariant()}");
    }

    /// <summary>Go prints errno text in lower case ("address already in use").</summary>
    private static string GoStyle(string message) =>
        message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    private static (int, int) ReadLocalPortRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var first)
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var last)
                && first > 0 && last >= first)
            {
                return (first, last);
            }
        }
        catch (IOException)
        {
        }

        return (49153, 65535);
    }
}
