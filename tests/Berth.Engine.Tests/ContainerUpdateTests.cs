using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests;

public sealed class ContainerUpdateTests
{
    [Fact]
    public void Only_the_given_settings_change()
    {
        var host = new HostSettings { Memory = 32 << 20, NanoCpus = 1_000_000_000, PidsLimit = 20, RestartPolicy = new("always", 0) };
        var updated = new ContainerUpdate { Memory = 64 << 20 }.ApplyTo(host);
        Assert.Equal((64L << 20, 1_000_000_000L, 20L, "always"), (updated.Memory, updated.NanoCpus, updated.PidsLimit!.Value, updated.RestartPolicy.Name));
    }

    [Fact]
    public void Cpus_and_the_cfs_quota_replace_each_other()
    {
        var host = new HostSettings { NanoCpus = 1_000_000_000 };
        var quota = new ContainerUpdate { CpuQuota = 50_000, CpuPeriod = 100_000 }.ApplyTo(host);
        Assert.Equal((0L, 50_000L, 100_000L), (quota.NanoCpus, quota.CpuQuota, quota.CpuPeriod));
        var cpus = new ContainerUpdate { NanoCpus = 500_000_000 }.ApplyTo(quota);
        Assert.Equal((500_000_000L, 0L, 0L), (cpus.NanoCpus, cpus.CpuQuota, cpus.CpuPeriod));
    }

    [Fact]
    public void Dockers_refusals()
    {
        var swapped = new HostSettings { Memory = 32 << 20, MemorySwap = 64 << 20 };
        var e = Assert.Throws<BerthException>(() => new ContainerUpdate { Memory = 128 << 20 }.ApplyTo(swapped));
        Assert.Equal("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time", e.Message);
        var autoRemove = new HostSettings { AutoRemove = true };
        e = Assert.Throws<BerthException>(() => new ContainerUpdate { RestartPolicy = new("always", 0) }.ApplyTo(autoRemove));
        Assert.Equal("Restart policy cannot be updated because AutoRemove is enabled for the container", e.Message);
    }
}
