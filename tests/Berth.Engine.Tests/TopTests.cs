using System.Text;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Linux;

namespace Berth.Engine.Tests;

public sealed class TopTests
{
    private const string Stat = "4242 (my (odd) cmd) S 4200 4242 4242 34816 4242 4194560 120 0 0 0 250 130 0 0 20 0 1 0 360000 1785856 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    private static readonly string[] Status = ["Name:\tsh", "Uid:\t1000\t1001\t1001\t1001", "Gid:\t0\t0\t0\t0"];

    [Fact]
    public void Proc_files_are_parsed_counting_fields_after_the_last_parenthesis()
    {
        var p = ProcessStat.Parse(4242, Stat, Status, Encoding.UTF8.GetBytes("sh\0-c\0sleep 1\0"));
        Assert.Equal((4242, 4200, 1001, "my (odd) cmd", 34816, 360000UL, 380UL), (p.Pid, p.ParentPid, p.EffectiveUid, p.Comm, p.TtyNr, p.StartTicks, p.CpuTicks));
        Assert.Equal(["sh", "-c", "sleep 1"], p.Args);
        Assert.Empty(ProcessStat.Parse(2, Stat, Status, []).Args);
    }

    [Fact]
    public void Rows_have_ps_ef_columns()
    {
        var boot = new DateTime(2026, 3, 1, 8, 0, 0);
        var now = boot.AddHours(2);
        var p = ProcessStat.Parse(4242, Stat, Status, Encoding.UTF8.GetBytes("sleep\0300\0"));
        var kernel = p with { Args = [], TtyNr = 0, CpuTicks = 0 };
        var rows = FullProcessListing.Rows([p, kernel], boot, now, uid => uid == 1001 ? "app" : null);
        // started 3600 s after boot, 3.8 s of CPU over the 3600 s since: 0 %
        Assert.Equal(["app", "4242", "4200", "0", "09:00", "pts/0", "00:00:03", "sleep 300"], rows[0]);
        Assert.Equal(["app", "4242", "4200", "0", "09:00", "?", "00:00:00", "[my (odd) cmd]"], rows[1]);
        Assert.Equal("1001", FullProcessListing.Rows([p], boot, now, _ => "averylongname")[0][0]);
    }

    [Theory]
    [InlineData(0, "?")]
    [InlineData((136 << 8) | 3, "pts/3")]
    [InlineData((137 << 8) | 1, "pts/257")]
    [InlineData((4 << 8) | 1, "tty1")]
    [InlineData((4 << 8) | 64, "ttyS0")]
    public void Terminals_are_named_as_ps_names_them(int ttyNr, string name) => Assert.Equal(name, FullProcessListing.Terminal(ttyNr));

    [Fact]
    public void Times_are_formatted_as_ps_formats_them()
    {
        Assert.Equal("00:01:05", FullProcessListing.CpuTime(6500));
        Assert.Equal("2-01:00:00", FullProcessListing.CpuTime((ulong)(49 * 3600 * 100)));
        var now = new DateTime(2026, 6, 5, 12, 0, 0);
        Assert.Equal("07:30", FullProcessListing.StartTime(new DateTime(2026, 6, 5, 7, 30, 0), now));
        Assert.Equal("Jun04", FullProcessListing.StartTime(new DateTime(2026, 6, 4, 23, 0, 0), now));
        Assert.Equal("2025", FullProcessListing.StartTime(new DateTime(2025, 12, 31, 23, 0, 0), now));
    }

    [Fact]
    public void Ps_output_keeps_the_container_s_rows_and_their_threads()
    {
        const string output = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 10:00 ?        00:00:01 /sbin/init splash
            root         100       1  0 10:01 ?        00:00:00 sleep 300
            -              -       -  0 10:01 ?        00:00:00 -
            root         200       1  0 10:02 ?        00:00:00 other
            -              -       -  0 10:02 ?        00:00:00 -
            """;
        var list = PsCommand.Parse(output, [100]);
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], list.Titles);
        Assert.Equal(2, list.Processes.Count);
        Assert.Equal("sleep 300", list.Processes[0][7]);
        Assert.Equal("-", list.Processes[1][1]);
    }

    [Theory]
    [InlineData("-o pid,comm", false)]
    [InlineData("-o pid=PID,comm", false)]
    [InlineData("-o x=PID", true)]
    public void Renaming_the_pid_column_is_refused(string psArgs, bool refused)
    {
        if (refused)
        {
            var e = Assert.Throws<BerthException>(() => PsCommand.Validate(psArgs));
            Assert.Equal("specifying \"x=PID\" is not allowed", e.Message);
        }
        else
        {
            PsCommand.Validate(psArgs);
        }
    }
}
