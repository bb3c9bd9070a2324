namespace Berth.Runtime.Cli;

/// <summary>
/// The environment an OCI runtime is started with: ours, minus what systemd hands the daemon itself.
/// crun would proxy NOTIFY_SOCKET and pass LISTEN_FDS sockets on into containers.
/// </summary>
internal static class RuntimeEnvironment
{
    private static readonly string[] Withheld = ["NOTIFY_SOCKET", "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"];

    private static readonly Lazy<IReadOnlyList<string>> Current = new(() => From(Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .Select(e => ((string)e.Key, (string?)e.Value ?? ""))));

    public static IReadOnlyList<string> Variables => Current.Value;

    internal static IReadOnlyList<string> From(IEnumerable<(string Key, string Value)> variables) =>
        variables.Where(v => !Withheld.Contains(v.Key)).Select(v => $"{v.Key}={v.Value}").ToList();
}
