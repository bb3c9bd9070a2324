using System.Globalization;
using Berth.Linux;

namespace Berth.Engine.Containers;

/// <summary>
/// `ps -ef` (docker top's default) computed from /proc instead of run: the same columns, filled as procps fills them.
/// </summary>
internal static class FullProcessListing
{
    public static readonly IReadOnlyList<string> Titles = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];

    /// <param name="bootTime">When the host booted, in the daemon's local time zone (as ps prints times).</param>
    /// <param name="now">The current local time.</param>
    /// <param name="userName">The host's name for a UID, or null.</param>
    public static List<List<string>> Rows(IEnumerable<ProcessStat> processes, DateTime bootTime, DateTime now, Func<int, string?> userName) =>
        processes.Select(p => new List<string>
        {
            User(p.EffectiveUid, userName),
            Number(p.Pid),
            Number(p.ParentPid),
            Number(CpuPercent(p, bootTime, now)),
            StartTime(bootTime.AddSeconds((double)p.StartTicks / ProcessStat.TicksPerSecond), now),
            Terminal(p.TtyNr),
            CpuTime(p.CpuTicks),
            p.Args.Count > 0 ? string.Join(' ', p.Args) : "[" + p.Comm + "]",
        }).ToList();

    /// <summary>The name when it fits ps's 8 columns, else the number.</summary>
    private static string User(int uid, Func<int, string?> userName) =>
        userName(uid) is { Length: <= 8 } name ? name : Number(uid);

    /// <summary>C: CPU time over the process's lifetime, in whole percent, at most 99.</summary>
    private static int CpuPercent(ProcessStat p, DateTime bootTime, DateTime now)
    {
        var seconds = (long)(now - bootTime).TotalSeconds - (long)(p.StartTicks / ProcessStat.TicksPerSecond);
        return seconds <= 0 ? 0 : (int)Math.Min(99, (long)(p.CpuTicks * 100 / ProcessStat.TicksPerSecond) / seconds);
    }

    /// <summary>STIME: HH:MM today, MonDD earlier this year, the year before that.</summary>
    internal static string StartTime(DateTime started, DateTime now) =>
        started.Year != now.Year ? started.ToString("yyyy", CultureInfo.InvariantCulture)
        : started.DayOfYear != now.DayOfYear ? started.ToString("MMMdd", CultureInfo.InvariantCulture)
        : started.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>TTY: "?" without one; pts/N for a pseudo-terminal (majors 136-143), ttyN or ttySN for the consoles.</summary>
    internal static string Terminal(int ttyNr)
    {
        if (ttyNr == 0)
        {
            return "?";
        }

        var major = (ttyNr >> 8) & 0xfff;
        var minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
        return major switch
        {
            >= 136 and <= 143 => "pts/" + Number(((major - 136) << 8) + minor),
            4 when minor < 64 => "tty" + Number(minor),
            4 => "ttyS" + Number(minor - 64),
            5 when minor == 1 => "console",
            _ => "?",
        };
    }

    /// <summary>TIME: [DD-]HH:MM:SS of CPU used.</summary>
    internal static string CpuTime(ulong ticks)
    {
        var total = ticks / ProcessStat.TicksPerSecond;
        var (days, hours, minutes, seconds) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60);
        var clock = string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
        return days > 0 ? Number((long)days) + "-" + clock : clock;
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
