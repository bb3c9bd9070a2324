namespace Berth.Daemon;

/// <summary>berthd's command line: paths, the default runtime and log level (dockerd-like flags).</summary>
public sealed record DaemonOptions
{
    public string DataRoot { get; init; } = "/var/lib/berth";

    public string Socket { get; init; } = "/run/berth/berth.sock";

    public string? Runtime { get; init; }

    public bool Debug { get; init; }

    /// <summary>Tag and prefix of everything this daemon creates on the host network (bridges, rules, veth aliases).</summary>
    public string NetworkTag { get; init; } = "berth";

    /// <summary>The default bridge's address, e.g. 172.17.0.1/16 (dockerd's --bip).</summary>
    public string? BridgeIp { get; init; }

    /// <summary>Registries reached over plain HTTP besides loopback ones (host[:port] or CIDR; the flag may repeat).</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>A file to write the daemon's PID into and hold locked while it runs.</summary>
    public string? PidFile { get; init; }

    /// <summary>A FIFO to write one line into once the socket serves (how ./berth waits without polling).</summary>
    public string? ReadyFifo { get; init; }

    public static DaemonOptions Parse(string[] args)
    {
        var options = new DaemonOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"flag needs an argument: {name}"));
            options = name switch
            {
                "--data-root" or "-g" => options with { DataRoot = Value() },
                "--host" or "-H" => options with { Socket = SocketPath(Value()) },
                "--default-runtime" or "--runtime" => options with { Runtime = Value() },
                "--debug" or "-D" => options with { Debug = true },
                "--pidfile" or "-p" => options with { PidFile = Value() },
                "--ready-fifo" => options with { ReadyFifo = Value() },
                "--network-tag" => options with { NetworkTag = Value() },
                "--bip" => options with { BridgeIp = Value() },
                "--insecure-registry" => options with { InsecureRegistries = [.. options.InsecureRegistries, Value()] },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown flag: {name}\n{Usage}"),
            };
        }

        return options;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string SocketPath(string host) =>
        host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..]
        : host.StartsWith('/') ? host
        : throw new ArgumentException($"only unix sockets are supported: {host}");

    private const string Usage = """
        Usage: berthd [OPTIONS]

        Options:
          -g, --data-root string        Root directory of persistent state (default "/var/lib/berth")
          -H, --host string             Socket to listen on (default "unix:///run/berth/berth.sock")
              --default-runtime string  Default OCI runtime: crun or runc
          -D, --debug                   Enable debug logging
          -p, --pidfile string          Path to use for daemon PID file (held locked while running)
              --ready-fifo string       FIFO to write "ready" into once serving
              --network-tag string      Name tag of bridges, iptables chains and rules (default "berth")
              --bip string              Address and prefix of the default bridge (e.g. 172.17.0.1/16)
              --insecure-registry list  Registry reached over plain HTTP (host[:port] or CIDR; repeatable)
        """;
}
