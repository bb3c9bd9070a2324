namespace Berth.Client;

/// <summary>
/// The daemon endpoint: a unix:// URL and the socket path it names. Chosen like the docker CLI
/// chooses its host: <c>-H</c>, else <c>BERTH_HOST</c>, else a unix:// <c>DOCKER_HOST</c>, else Berth's socket.
/// </summary>
public sealed record DaemonHost(string Url, string SocketPath)
{
    public const string DefaultUrl = "unix:///run/berth/berth.sock";

    private const string UnixScheme = "unix://";

    public static DaemonHost Default { get; } = Parse(DefaultUrl);

    public static DaemonHost Resolve(IReadOnlyList<string> hostFlags, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(hostFlags);
        ArgumentNullException.ThrowIfNull(environment);
        if (hostFlags.Count > 1)
        {
            throw new ArgumentException("Specify only one -H");
        }

        if (hostFlags.Count == 1)
        {
            return Parse(hostFlags[0]);
        }

        if (environment("BERTH_HOST") is { Length: > 0 } berthHost)
        {
            return Parse(berthHost);
        }

        // A tcp:// or ssh:// DOCKER_HOST points at a Docker that Berth cannot speak to; ignore it.
        if (environment("DOCKER_HOST") is { } dockerHost && dockerHost.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            return Parse(dockerHost);
        }

        return Default;
    }

    /// <summary>Accepts <c>unix:///path</c> or a bare absolute socket path.</summary>
    public static DaemonHost Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/'))
        {
            return new DaemonHost(UnixScheme + trimmed, trimmed);
        }

        if (!trimmed.StartsWith(UnixScheme, StringComparison.Ordinal) || trimmed.Length == UnixScheme.Length)
        {
            throw new ArgumentException($"unable to parse docker host `{url}`: only unix:// hosts are supported");
        }

        return new DaemonHost(trimmed, trimmed[UnixScheme.Length..]);
    }
}
