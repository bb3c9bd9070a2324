using System.Globalization;

namespace Berth.Linux;

/// <summary>The host's CPU time from /proc/stat: the first seven fields of the "cpu" line, in nanoseconds, and the number of CPUs.</summary>
public readonly record struct SystemCpuTime(ulong Nanoseconds, uint OnlineCpus)
{
    public static async Task<SystemCpuTime> ReadAsync(CancellationToken ct) =>
        Parse(await File.ReadAllTextAsync("/proc/stat", ct).ConfigureAwait(false));

    /// <summary>user nice system idle iowait irq softirq, in USER_HZ ticks; CPUs are the "cpuN" lines.</summary>
    public static SystemCpuTime Parse(string procStat)
    {
        ulong ticks = 0;
        uint cpus = 0;
        foreach (var line in procStat.Split('\n').TakeWhile(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3))
        {
            if (line[3] == ' ')
            {
                ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..8].Aggregate(0UL, (sum, v) => sum + ulong.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            else if (char.IsAsciiDigit(line[3]))
            {
                cpus++;
            }
        }

        return new SystemCpuTime(ticks * (1_000_000_000 / ProcessStat.TicksPerSecond), cpus);
    }
}
