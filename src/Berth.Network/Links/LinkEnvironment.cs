using System.Globalization;

namespace Berth.Network.Links;

/// <summary>
/// The environment variables <c>--link child:alias</c> gives the parent, exactly as moby's
/// daemon/links ToEnv builds them: ALIAS_PORT, ALIAS_PORT_&lt;n&gt;_&lt;PROTO&gt;{,_ADDR,_PORT,_PROTO},
/// _START/_END for runs of consecutive ports, ALIAS_NAME and ALIAS_ENV_* (HOME and PATH excepted).
/// </summary>
public static class LinkEnvironment
{
    /// <param name="linkName">The link's full name, <c>/parent/alias</c>; the alias is its last element.</param>
    /// <param name="childAddress">The child's address on the default bridge.</param>
    /// <param name="childEnv">The child's <c>Config.Env</c>, <c>KEY=value</c> each.</param>
    public static IReadOnlyList<string> Build(string linkName, string childAddress, IEnumerable<ExposedPort> ports, IEnumerable<string> childEnv)
    {
        ArgumentNullException.ThrowIfNull(linkName);
        var alias = linkName[(linkName.LastIndexOf('/') + 1)..].ToUpperInvariant().Replace('-', '_');
        var sorted = ports.ToList();
        sorted.Sort(WithTcpFirst);
        var env = new List<string>(1 + (sorted.Count * 4));
        ExposedPort? start = null, end = null;
        for (var i = 0; i < sorted.Count; i++)
        {
            var port = sorted[i];
            if (i == 0)
            {
                start = end = port;
                env.Add(Invariant($"{alias}_PORT={port.Protocol}://{childAddress}:{port.Number}"));
            }

            var prefix = Invariant($"{alias}_PORT_{port.Number}_{port.Protocol.ToUpperInvariant()}");
            env.Add(Invariant($"{prefix}={port.Protocol}://{childAddress}:{port.Number}"));
            env.Add($"{prefix}_ADDR={childAddress}");
            env.Add(Invariant($"{prefix}_PORT={port.Number}"));
            env.Add($"{prefix}_PROTO={port.Protocol}");

            if (port.Number == end!.Number + 1 && port.Protocol == end.Protocol)
            {
                end = port;
                if (i < sorted.Count - 1)
                {
                    continue;
                }
            }

            if (end != start)
            {
                var range = Invariant($"{alias}_PORT_{start!.Number}_{start.Protocol.ToUpperInvariant()}");
                env.Add(Invariant($"{range}_START={start.Protocol}://{childAddress}:{start.Number}"));
                env.Add(Invariant($"{range}_PORT_START={start.Number}"));
                env.Add(Invariant($"{range}_END={end.Protocol}://{childAddress}:{end.Number}"));
                env.Add(Invariant($"{range}_PORT_END={end.Number}"));
            }

            start = end = port;
        }

        env.Add($"{alias}_NAME={linkName}");
        foreach (var variable in childEnv)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var name = variable[..equals];
            if (name is not ("HOME" or "PATH"))
            {
                env.Add($"{alias}_ENV_{name}={variable[(equals + 1)..]}");
            }
        }

        return env;
    }

    /// <summary>moby's withTCPPriority: TCP first, then by protocol name; by number within a protocol.</summary>
    private static int WithTcpFirst(ExposedPort a, ExposedPort b)
    {
        if (a.Protocol == b.Protocol)
        {
            return a.Number.CompareTo(b.Number);
        }

        return a.Protocol == "tcp" ? -1 : b.Protocol == "tcp" ? 1 : string.CompareOrdinal(a.Protocol, b.Protocol);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
