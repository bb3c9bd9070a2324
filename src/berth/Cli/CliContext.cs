using Berth.Cli.Config;
using Berth.Client;

namespace Berth.Cli.Cli;

/// <summary>
/// Everything a command needs from its surroundings (docker's DockerCli): the streams, the program
/// name used in messages, the config file and a client made on first use.
/// </summary>
internal sealed class CliContext : IDisposable
{
    private readonly Func<DaemonHost, BerthClient> _clientFactory;
    private BerthClient? _client;
    private DockerConfigFile? _config;

    public CliContext(string programName, CliStreams streams, GlobalOptions globals, Func<string, string?> environment, Func<DaemonHost, BerthClient>? clientFactory = null)
    {
        ProgramName = programName;
        Streams = streams;
        Globals = globals;
        Environment = environment;
        _clientFactory = clientFactory ?? (host => new BerthClient(host, UserAgent, environment("DOCKER_API_VERSION")));
    }

    public static string UserAgent => $"Berth-Client/{BuildInfo.Version} (linux)";

    public string ProgramName { get; }

    public CliStreams Streams { get; }

    public GlobalOptions Globals { get; }

    public Func<string, string?> Environment { get; }

    public TextWriter Out => Streams.Out;

    public TextWriter Err => Streams.Err;

    public BerthClient Client => _client ??= _clientFactory(DaemonHost.Resolve(Globals.Hosts, Environment));

    public DaemonHost Host => Client.Host;

    public string ConfigDir => Globals.ConfigDir is { Length: > 0 } dir
        ? dir
        : Environment("DOCKER_CONFIG") is { Length: > 0 } env ? env : Path.Combine(HomeDirectory(Environment), ".docker");

    public DockerConfigFile Config => _config ??= DockerConfigFile.Load(ConfigDir);

    public static string HomeDirectory(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>docker refuses flags newer than the negotiated API version, with this message.</summary>
    public async Task RequireFlagApiVersionAsync(string flag, string version, CancellationToken ct)
    {
        var current = await Client.Transport.ApiVersionAsync(ct).ConfigureAwait(false);
        if (Berth.Client.Transport.ApiVersions.LessThan(current, version))
        {
            throw new CliStatusException(1, $"\"--{flag}\" requires API version {version}, but the Docker daemon API version is {current}");
        }
    }

    public void Dispose() => _client?.Dispose();
}
