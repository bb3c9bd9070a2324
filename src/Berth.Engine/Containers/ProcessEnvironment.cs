namespace Berth.Engine.Containers;

/// <summary>moby's CreateDaemonEnvironment: PATH, HOSTNAME and TERM first, then the container's own env replaces or adds.</summary>
public static class ProcessEnvironment
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IReadOnlyList<string> For(ContainerSettings config, IEnumerable<string> linkEnv) =>
        Build(config.Hostname, config.Tty, linkEnv, config.Env);

    public static IReadOnlyList<string> Build(string hostname, bool tty, IEnumerable<string> linkEnv, IEnumerable<string> env)
    {
        var result = new List<string> { DefaultPath, "HOSTNAME=" + hostname };
        if (tty)
        {
            result.Add("TERM=xterm");
        }

        result.AddRange(linkEnv);
        foreach (var entry in env)
        {
            var key = Key(entry);
            var index = result.FindIndex(e => Key(e) == key);
            if (index >= 0)
            {
                result[index] = entry;
            }
            else
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private static string Key(string entry)
    {
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? entry : entry[..eq];
    }
}
