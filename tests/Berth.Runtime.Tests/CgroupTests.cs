using Berth.Runtime.Cgroups;

namespace Berth.Runtime.Tests;

/// <summary>Reading the host's cgroup layout from mountinfo, and choosing the default runtime on a hybrid host.</summary>
public sealed class CgroupTests
{
    private static readonly string[] Hybrid =
    [
        "22 28 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
        "31 22 0:28 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
        "32 31 0:29 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate",
        "33 31 0:30 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd",
        "35 31 0:32 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,memory",
        "36 31 0:33 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct",
    ];

    private static readonly string[] Unified =
    [
        "25 30 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot",
    ];

    [Fact]
    public void A_hybrid_host_is_v1_with_a_unified_mount()
    {
        var layout = CgroupLayout.Parse(Hybrid);
        Assert.Equal(("1", "/sys/fs/cgroup/unified", true), (layout.Version, layout.UnifiedMount, layout.IsHybrid));
        Assert.Equal(["memory", "cpu", "cpuacct"], layout.V1Controllers);
    }

    [Fact]
    public void A_unified_host_is_v2()
    {
        var layout = CgroupLayout.Parse(Unified);
        Assert.Equal(("2", false), (layout.Version, layout.IsHybrid));
    }

    [Fact]
    public void A_pure_v1_host_is_not_hybrid()
    {
        var layout = CgroupLayout.Parse(Hybrid.Where(l => !l.Contains("cgroup2", StringComparison.Ordinal)));
        Assert.Equal(("1", null, false), (layout.Version, layout.UnifiedMount, layout.IsHybrid));
    }

    [Fact]
    public void Unified_controllers_are_read_only_on_a_hybrid_host()
    {
        Assert.Equal(["hugetlb"], CgroupLayout.Parse(Hybrid).UnifiedControllers(p => p == "/sys/fs/cgroup/unified/cgroup.controllers" ? "hugetlb\n" : null));
        Assert.Empty(CgroupLayout.Parse(Unified).UnifiedControllers(_ => "cpu memory"));
    }

    [Fact]
    public void On_a_hybrid_host_crun_stays_the_default_once_the_controllers_are_moved()
    {
        var controllers = "hugetlb";
        var mounted = new List<string>();
        var (runtime, notes) = HybridCgroups.ChooseDefault(null, ["crun", "runc"], CgroupLayout.Parse(Hybrid), _ => controllers, c =>
        {
            mounted.Add(c);
            controllers = "";
            return null;
        });

        Assert.Equal("crun", runtime);
        Assert.Equal(["hugetlb"], mounted);
        Assert.Contains("moved hugetlb", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_hybrid_host_runc_takes_over_when_the_move_fails()
    {
        var (runtime, notes) = HybridCgroups.ChooseDefault(null, ["crun", "runc"], CgroupLayout.Parse(Hybrid), _ => "hugetlb", _ => "Read-only file system");
        Assert.Equal("runc", runtime);
        Assert.Contains(notes, n => n.Contains("Read-only file system", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.EndsWith("using runc", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_mounted_when_crun_is_not_wanted_or_the_host_needs_nothing()
    {
        string? Fail(string controller) => throw new InvalidOperationException("mounted " + controller);
        Assert.Equal("runc", HybridCgroups.ChooseDefault("runc", ["crun", "runc"], CgroupLayout.Parse(Hybrid), _ => "hugetlb", Fail).Default);
        Assert.Equal("crun", HybridCgroups.ChooseDefault(null, ["crun", "runc"], CgroupLayout.Parse(Unified), _ => "hugetlb", Fail).Default);
        Assert.Equal("crun", HybridCgroups.ChooseDefault(null, ["crun", "runc"], CgroupLayout.Parse(Hybrid), _ => "", Fail).Default);
    }

    [Fact]
    public void A_missing_preferred_runtime_falls_back_to_an_installed_one()
    {
        var (runtime, notes) = HybridCgroups.ChooseDefault("crun", ["runc"], CgroupLayout.Parse(Unified), _ => null, _ => null);
        Assert.Equal("runc", runtime);
        Assert.Equal("crun is not installed; using runc", Assert.Single(notes));
    }

    [Fact]
    public void Oom_kills_are_read_from_v1_oom_control_and_v2_events()
    {
        Assert.Equal(2, OomKills.Parse(["oom_kill_disable 0", "under_oom 0", "oom_kill 2"]));
        Assert.Equal(1, OomKills.Parse(["low 0", "high 0", "max 3", "oom 1", "oom_kill 1", "oom_group_kill 0"]));
        Assert.Equal(0, OomKills.Parse(["oom_kill_disable 0"]));
        Assert.Equal(0, OomKills.Count("/berth/does-not-exist"));
    }
}
