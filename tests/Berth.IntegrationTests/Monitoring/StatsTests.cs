using System.Globalization;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Monitoring;

/// <summary>docker stats: the CLI's table from real cgroup counters, one-shot and streamed readings, and a stopped container.</summary>
public sealed class StatsTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static string[] Columns(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Percent(string text) => double.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_no_stream_table_shows_sane_usage()
    {
        var busy = Name("busy");
        var limited = Name("limited");
        var stopped = Name("stopped");
        (await DockerAsync("run", "-d", "--name", busy, "busybox", "sh", "-c", "while :; do :; done")).Ok();
        (await DockerAsync("run", "-d", "--name", limited, "-m", "64m", "busybox", "sh", "-c", "head -c 8000000 /dev/zero > /tmp/f; sleep 300")).Ok();
        (await DockerAsync("create", "--name", stopped, "busybox")).Ok();

        var lines = (await DockerAsync("stats", "--no-stream", busy, limited, stopped)).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"], Columns(lines[0]));
        var rows = lines[1..].Select(Columns).ToDictionary(c => c[1]);

        var busyRow = rows[busy];
        Assert.InRange(Percent(busyRow[2]), 5, 200);
        Assert.Matches(@"^[\d.]+[KM]iB / [\d.]+GiB$", busyRow[3]);
        Assert.Matches(@"^[\d.]+k?B / [\d.]+k?B$", busyRow[5]);
        Assert.Equal("1", busyRow[7]);

        var limitedRow = rows[limited];
        Assert.EndsWith(" / 64MiB", limitedRow[3]);
        Assert.InRange(Percent(limitedRow[4]), 0.01, 100);
        Assert.Equal("1", limitedRow[7]);

        Assert.Equal(["0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0"], rows[stopped][2..]);

        var berth = (await BerthAsync("stats", "--no-stream", limited, stopped)).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Columns(lines[0]), Columns(berth[0]));
        Assert.EndsWith(" / 64MiB", Columns(berth.Single(l => l.Contains(limited, StringComparison.Ordinal)))[3]);
        (await DockerAsync("rm", "-f", busy, limited, stopped)).Ok();
    }

    [Fact]
    public async Task A_single_reading_comes_a_second_after_the_one_it_is_compared_with()
    {
        var name = Name("stat1");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        ContainerStatsResponse? reading = null;
        await Daemon.Client.Containers.GetContainerStatsAsync(name, new ContainerStatsParameters { Stream = false }, new Progress<ContainerStatsResponse>(r => reading = r));
        await Eventually.TrueAsync(() => Task.FromResult(reading is not null), TimeSpan.FromSeconds(5));

        Assert.Equal("/" + name, reading!.Name);
        Assert.InRange((reading.Read - reading.PreRead).TotalSeconds, 0.5, 2);
        Assert.True(reading.CPUStats.SystemUsage > reading.PreCPUStats.SystemUsage);
        Assert.True(reading.CPUStats.OnlineCPUs > 0);
        Assert.True(reading.MemoryStats.Usage > 0);
        Assert.True(reading.MemoryStats.Limit > 0 && reading.MemoryStats.Limit < (ulong)long.MaxValue / 2, "no limit reads as the host's memory");
        Assert.Equal(1UL, reading.PidsStats.Current);
        Assert.Contains("eth0", reading.Networks.Keys);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task A_stream_sends_a_reading_each_second_until_the_client_goes()
    {
        var name = Name("statstream");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        var readings = new List<ContainerStatsResponse>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var streaming = Daemon.Client.Containers.GetContainerStatsAsync(name, new ContainerStatsParameters { Stream = true }, new Progress<ContainerStatsResponse>(r =>
        {
            lock (readings)
            {
                readings.Add(r);
            }
        }), stop.Token);
        await Eventually.TrueAsync(() =>
        {
            lock (readings)
            {
                return Task.FromResult(readings.Count >= 3);
            }
        }, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);

        lock (readings)
        {
            Assert.Equal(default, readings[0].PreRead);
            Assert.Equal(readings[1].PreRead, readings[0].Read);
            Assert.InRange((readings[2].Read - readings[1].Read).TotalSeconds, 0.5, 1.5);
        }

        (await DockerAsync("rm", "-f", name)).Ok();
    }
}
