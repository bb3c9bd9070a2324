using Berth.Runtime.Cgroups;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

public sealed class CgroupStatsReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    private void Write(string controller, string file, string text)
    {
        var dir = _dir.Combine(controller, "berth", "c1");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, file), text);
    }

    private void WriteV1(bool cfq)
    {
        Write("cpuacct", "cpuacct.usage", "5776063\n");
        Write("cpuacct", "cpuacct.usage_percpu", "1000 5775063 \n");
        Write("cpuacct", "cpuacct.stat", "user 3\nsystem 2\n");
        Write("cpu", "cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 900\nnr_bursts 0\n");
        Write("memory", "memory.usage_in_bytes", "5615616\n");
        Write("memory", "memory.max_usage_in_bytes", "6000000\n");
        Write("memory", "memory.limit_in_bytes", "9223372036854771712\n");
        Write("memory", "memory.failcnt", "0\n");
        Write("memory", "memory.stat", "cache 5242880\nrss 57344\nshmem 0\ntotal_inactive_file 4096\n");
        Write("pids", "pids.current", "3\n");
        Write("pids", "pids.max", "max\n");
        Write("blkio", "blkio.throttle.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\nTotal 12288\n");
        Write("blkio", "blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 2\nTotal 3\n");
        if (cfq)
        {
            Write("blkio", "blkio.io_serviced_recursive", "Total 0\n");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V1_files_are_read_as_containerd_reads_them(bool emptyCfqFiles)
    {
        WriteV1(emptyCfqFiles);
        var stats = await CgroupStatsReader.ReadAsync(new ContainerCgroup(_dir.Path, "/berth/c1", unified: false), CancellationToken.None);

        Assert.NotNull(stats);
        Assert.Equal(new CgroupCpu(5776063, [1000, 5775063], 20_000_000, 30_000_000, 10, 4, 900) with { PerCpu = stats.Cpu.PerCpu }, stats.Cpu);
        Assert.Equal([1000UL, 5775063UL], stats.Cpu.PerCpu);
        Assert.Equal((5615616UL, 6000000UL, 9223372036854771712UL), (stats.Memory.Usage, stats.Memory.MaxUsage, stats.Memory.Limit));
        Assert.Equal(32, stats.Memory.Stat.Count);
        Assert.Equal(5242880UL, stats.Memory.Stat["cache"]);
        Assert.Equal(4096UL, stats.Memory.Stat["total_inactive_file"]);
        Assert.False(stats.Memory.Stat.ContainsKey("shmem"));
        Assert.Equal(new CgroupPids(3, 0), stats.Pids);
        // the throttle files, since the CFQ ones (if any) hold nothing; "Total" lines are left out
        Assert.Equal([new BlkioEntry(8, 0, "Read", 4096), new BlkioEntry(8, 0, "Write", 8192), new BlkioEntry(8, 0, "Total", 12288)], stats.Blkio.ServiceBytes);
        Assert.Equal(2, stats.Blkio.Serviced.Count);
    }

    [Fact]
    public async Task V2_files_map_to_the_same_counters()
    {
        var dir = _dir.Combine("berth", "c1");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
        File.WriteAllText(Path.Combine(dir, "memory.current"), "8192\n");
        File.WriteAllText(Path.Combine(dir, "memory.max"), "max\n");
        File.WriteAllText(Path.Combine(dir, "memory.stat"), "anon 4096\ninactive_file 1024\n");
        File.WriteAllText(Path.Combine(dir, "memory.events"), "low 0\nhigh 0\nmax 0\noom 2\noom_kill 1\n");
        File.WriteAllText(Path.Combine(dir, "pids.current"), "1\n");
        File.WriteAllText(Path.Combine(dir, "pids.max"), "100\n");
        File.WriteAllText(Path.Combine(dir, "io.stat"), "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n");

        var stats = await CgroupStatsReader.ReadAsync(new ContainerCgroup(_dir.Path, "berth/c1", unified: true), CancellationToken.None);

        Assert.NotNull(stats);
        Assert.Equal((1_500_000UL, 1_000_000UL, 500_000UL), (stats.Cpu.Total, stats.Cpu.User, stats.Cpu.Kernel));
        Assert.Equal((8192UL, 0UL, 2UL), (stats.Memory.Usage, stats.Memory.Limit, stats.Memory.Failcnt));
        Assert.Equal(1024UL, stats.Memory.Stat["inactive_file"]);
        Assert.Equal(new CgroupPids(1, 100), stats.Pids);
        Assert.Equal([new BlkioEntry(8, 0, "read", 10), new BlkioEntry(8, 0, "write", 20)], stats.Blkio.ServiceBytes);
    }

    [Fact]
    public async Task A_cgroup_that_is_gone_reads_as_null() =>
        Assert.Null(await CgroupStatsReader.ReadAsync(new ContainerCgroup(_dir.Path, "berth/gone", unified: false), CancellationToken.None));

    public void Dispose() => _dir.Dispose();
}
