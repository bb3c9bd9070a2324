namespace Berth.IntegrationTests.Support;

/// <summary>What networking left on the host for given containers: veths by their alias, iptables rules by their comment.</summary>
public static class NetworkProbes
{
    /// <summary>Host veths of these containers: the daemon sets each one's alias to "tag:containerId".</summary>
    public static int VethsOf(DaemonFixture daemon, IReadOnlyCollection<string> ids) => Directory.EnumerateDirectories("/sys/class/net")
        .Select(d => AliasOf(Path.Combine(d, "ifalias")))
        .Count(alias => alias is not null && ids.Contains(alias.Trim().Replace(daemon.NetworkTag + ":", "", StringComparison.Ordinal)));

    /// <summary>The interface's alias, or null if the kernel deleted it meanwhile (namespaces go in the background).</summary>
    private static string? AliasOf(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>iptables rules commented with one of these containers' IDs.</summary>
    public static async Task<int> RulesOfAsync(IReadOnlyCollection<string> ids)
    {
        var save = await new Cli("iptables-save", new Dictionary<string, string>()).RunAsync();
        return save.Stdout.Split('\n').Count(l => ids.Any(id => l.Contains(id, StringComparison.Ordinal)));
    }
}
