using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Api.Endpoints;
using Berth.Api.Mapping;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Linux;
using Berth.Runtime.Cgroups;

namespace Berth.Api.Tests;

public sealed class MonitoringViewsTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ContainerStatsSample Sample(DateTime read, ulong cpu, ulong system, ulong memoryLimit) => new(
        "c1", "web", read,
        new CgroupStats(
            new CgroupCpu(cpu, [cpu], 0, 0, 0, 0, 0),
            new CgroupMemory(4096, 8192, memoryLimit, 0, new Dictionary<string, ulong> { ["total_inactive_file"] = 1024 }),
            new CgroupPids(2, 0),
            CgroupBlkio.Empty with { ServiceBytes = [new BlkioEntry(8, 0, "Read", 512)] }),
        new SystemCpuTime(system, 2),
        new Dictionary<string, InterfaceCounters> { ["eth0"] = new(10, 1, 0, 0, 20, 2, 0, 0) });

    [Fact]
    public void A_reading_carries_the_previous_one_as_precpu_and_caps_the_limit_at_the_host_s_memory()
    {
        var before = Sample(T0, 1_000, 10_000, ulong.MaxValue / 2);
        var now = Sample(T0.AddSeconds(1), 1_500, 12_000, ulong.MaxValue / 2);
        var response = StatsViews.Response(now, before, machineMemory: 1 << 30);

        Assert.Equal(("/web", "c1"), (response.Name, response.Id));
        Assert.Equal(("2026-05-01T12:00:01Z", "2026-05-01T12:00:00Z"), (response.Read, response.PreRead));
        Assert.Equal((1_500UL, 12_000UL, 2U), (response.CpuStats.CpuUsage.TotalUsage, response.CpuStats.SystemCpuUsage, response.CpuStats.OnlineCpus));
        Assert.Equal((1_000UL, 10_000UL), (response.PreCpuStats.CpuUsage.TotalUsage, response.PreCpuStats.SystemCpuUsage));
        Assert.Equal((4096UL, 1UL << 30), (response.MemoryStats.Usage, response.MemoryStats.Limit));
        Assert.Equal(20UL, response.Networks!["eth0"].TxBytes);
        Assert.Equal("Read", Assert.Single(response.BlkioStats.IoServiceBytesRecursive!).Op);
        Assert.Equal(64UL << 20, StatsViews.Response(Sample(T0, 0, 0, 64 << 20), null, 1 << 30).MemoryStats.Limit);
    }

    [Fact]
    public void A_stopped_container_reads_as_moby_s_empty_response()
    {
        var record = new ContainerStatsSample("c1", "web", default, null, default, null);
        var json = JsonSerializer.Serialize(StatsViews.Response(record, null, 1 << 30), BerthJsonContext.Default.ContainerStatsResponse);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("0001-01-01T00:00:00Z", root.GetProperty("read").GetString());
        Assert.Equal("{}", root.GetProperty("memory_stats").GetRawText());
        Assert.Equal("{}", root.GetProperty("pids_stats").GetRawText());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("blkio_stats").GetProperty("io_service_bytes_recursive").ValueKind);
        Assert.False(root.GetProperty("cpu_stats").TryGetProperty("system_cpu_usage", out _));
        Assert.False(root.TryGetProperty("networks", out _));
    }

    [Fact]
    public void Events_carry_the_legacy_fields_for_containers_only()
    {
        var time = T0.AddTicks(1234567);
        var container = EventMessages.From(new EngineEvent("container", "start", "c1", new Dictionary<string, string> { ["image"] = "busybox", ["name"] = "web" }, time));
        Assert.Equal(("start", "c1", "busybox", "local"), (container.Status, container.Id, container.From, container.Scope));
        Assert.Equal((1_777_636_800L, 1_777_636_800_123_456_700L), (container.Time, container.TimeNano));

        var network = EventMessages.From(new EngineEvent("network", "connect", "n1", new Dictionary<string, string> { ["name"] = "bridge" }, time));
        Assert.Equal((null, null, null), (network.Status, network.Id, network.From));
    }

    [Theory]
    [InlineData("1700000000", 0L)]
    [InlineData("1700000000.5", 5_000_000L)]
    [InlineData("1700000000.000000100", 1L)]
    public void Event_times_are_seconds_with_optional_nanoseconds(string text, long ticks) =>
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(ticks), EventStreaming.Timestamp(text));

    [Fact]
    public void A_bad_event_time_is_refused() =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => EventStreaming.Timestamp("yesterday")).Kind);
}
