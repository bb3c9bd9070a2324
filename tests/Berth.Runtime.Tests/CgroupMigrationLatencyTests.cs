using Berth.Runtime.Cgroups;

namespace Berth.Runtime.Tests;

/// <summary>Remounting cgroup2 with favordynmods, keeping the options it had.</summary>
public sealed class CgroupMigrationLatencyTests
{
    private static CgroupLayout Layout(string superOptions) => CgroupLayout.Parse(
    [
        "31 22 0:28 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
        $"32 31 0:29 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 {superOptions}",
        "35 31 0:32 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,memory",
    ]);

    [Fact]
    public void The_cgroup2_mount_is_remounted_with_its_own_options_plus_favordynmods()
    {
        var calls = new List<(string, string)>();
        var note = CgroupMigrationLatency.Reduce(Layout("rw,nsdelegate,memory_recursiveprot"), (m, o) => { calls.Add((m, o)); return null; });
        Assert.Equal([("/sys/fs/cgroup/unified", "nsdelegate,memory_recursiveprot,favordynmods")], calls);
        Assert.StartsWith("remounted /sys/fs/cgroup/unified with favordynmods", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_done_when_the_option_is_set_or_there_is_no_cgroup2_mount()
    {
        Func<string, string, string?> fail = (_, _) => throw new InvalidOperationException("must not remount");
        Assert.Null(CgroupMigrationLatency.Reduce(Layout("rw,favordynmods"), fail));
        Assert.Null(CgroupMigrationLatency.Reduce(CgroupLayout.Parse(["35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory"]), fail));
    }

    [Fact]
    public void A_refused_remount_is_reported_not_thrown()
    {
        var note = CgroupMigrationLatency.Reduce(Layout("rw"), (_, _) => "Invalid argument");
        Assert.Contains("could not remount /sys/fs/cgroup/unified with favordynmods", note, StringComparison.Ordinal);
        Assert.EndsWith("Invalid argument", note, StringComparison.Ordinal);
    }
}
