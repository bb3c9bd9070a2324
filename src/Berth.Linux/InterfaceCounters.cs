using System.Globalization;

namespace Berth.Linux;

/// <summary>One network interface's counters, from /proc/&lt;pid&gt;/net/dev (the interfaces of that process's network namespace).</summary>
public sealed record InterfaceCounters(
    ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped, ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped)
{
    /// <summary>The interfaces of <paramref name="pid"/>'s network namespace by name, or null if the process is gone.</summary>
    public static async Task<Dictionary<string, InterfaceCounters>?> ReadAsync(int pid, CancellationToken ct)
    {
        try
        {
            return Parse(await File.ReadAllTextAsync($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/net/dev", ct).ConfigureAwait(false));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>"  eth0: rxbytes rxpackets rxerrs rxdrop fifo frame compressed multicast txbytes txpackets txerrs txdrop ..." after two header lines.</summary>
    public static Dictionary<string, InterfaceCounters> Parse(string netDev)
    {
        var interfaces = new Dictionary<string, InterfaceCounters>(StringComparer.Ordinal);
        foreach (var line in netDev.Split('\n').Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var v = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => ulong.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            interfaces[line[..colon].Trim()] = new InterfaceCounters(v[0], v[1], v[2], v[3], v[8], v[9], v[10], v[11]);
        }

        return interfaces;
    }
}
