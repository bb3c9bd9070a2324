using System.Globalization;
using System.Text;

namespace Berth.Linux;

/// <summary>
/// What ps reads about one process from /proc/&lt;pid&gt;/{stat,status,cmdline}: IDs, terminal, start time and
/// CPU time in clock ticks (USER_HZ), and its command line.
/// </summary>
/// <param name="Comm">The executable's name, as in /proc/&lt;pid&gt;/stat (without the parentheses).</param>
/// <param name="Args">The command line; empty for a kernel thread or a zombie.</param>
/// <param name="TtyNr">The controlling terminal's device number, 0 for none.</param>
/// <param name="StartTicks">Start time, in ticks after boot.</param>
/// <param name="CpuTicks">User plus system time used, in ticks.</param>
public sealed record ProcessStat(int Pid, int ParentPid, int EffectiveUid, string Comm, IReadOnlyList<string> Args, int TtyNr, ulong StartTicks, ulong CpuTicks)
{
    /// <summary>USER_HZ: the unit of the tick counts in /proc; 100 on every Linux architecture Berth runs on.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>Reads a process, or returns null if it has gone meanwhile (its files missing, or ESRCH on reading them).</summary>
    public static async Task<ProcessStat?> ReadAsync(int pid, string procRoot = "/proc", CancellationToken ct = default)
    {
        var dir = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            var stat = await File.ReadAllTextAsync(Path.Combine(dir, "stat"), ct).ConfigureAwait(false);
            var status = await File.ReadAllLinesAsync(Path.Combine(dir, "status"), ct).ConfigureAwait(false);
            var cmdline = await File.ReadAllBytesAsync(Path.Combine(dir, "cmdline"), ct).ConfigureAwait(false);
            return Parse(pid, stat, status, cmdline);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Parses the three files (proc(5)); comm may hold spaces and parentheses, so fields count from its last ')'.</summary>
    public static ProcessStat Parse(int pid, string stat, IEnumerable<string> status, byte[] cmdline)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var comm = stat[(open + 1)..close];
        // after ")": state(3) ppid(4) pgrp session tty_nr(7) tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) ... starttime(22)
        var fields = stat[(close + 2)..].Split(' ');
        ulong Field(int number) => ulong.Parse(fields[number - 3], NumberStyles.None, CultureInfo.InvariantCulture);
        var uidLine = status.First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var effectiveUid = int.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], NumberStyles.None, CultureInfo.InvariantCulture);
        var args = Encoding.UTF8.GetString(cmdline).Split('\0');
        return new ProcessStat(
            pid,
            (int)Field(4),
            effectiveUid,
            comm,
            args.Length > 0 && args[^1].Length == 0 ? args[..^1] : args,
            int.Parse(fields[7 - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            Field(22),
            Field(14) + Field(15));
    }
}
