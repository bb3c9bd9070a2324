namespace Berth.Linux.Tests;

public sealed class ProcCountersTests
{
    [Fact]
    public void System_cpu_time_sums_seven_fields_of_the_cpu_line_and_counts_cpus()
    {
        const string stat = "cpu  100 1 50 1000 5 1 2 7 0 0\ncpu0 50 1 25 500 2 1 1 3 0 0\ncpu1 50 0 25 500 3 0 1 4 0 0\nintr 12345\nctxt 99\nbtime 1700000000\n";
        var time = SystemCpuTime.Parse(stat);
        Assert.Equal((1159UL * 10_000_000, 2U), (time.Nanoseconds, time.OnlineCpus));
    }

    [Fact]
    public void Net_dev_counters_are_read_per_interface()
    {
        const string netDev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
              eth0:     486       5    1    2    0     0          0         0      308       4    3    4    0     0       0          0
            """;
        var interfaces = InterfaceCounters.Parse(netDev);
        Assert.Equal(["lo", "eth0"], interfaces.Keys);
        Assert.Equal(new InterfaceCounters(486, 5, 1, 2, 308, 4, 3, 4), interfaces["eth0"]);
    }
}
