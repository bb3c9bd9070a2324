using Berth.Core.Mounts;
using Berth.Runtime.Oci;
using Berth.Runtime.Security;
using Berth.Runtime.Spec;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>config.json as Docker would write it for the same container (moby oci/defaults.go, daemon/oci_linux.go).</summary>
public sealed class OciSpecBuilderTests
{
    [Fact]
    public void A_plain_container_gets_docker_defaults()
    {
        var spec = OciSpecBuilder.Build(Specs.Container(id: "abc"), "berth");

        Assert.Equal(["mount", "network", "uts", "pid", "ipc"], spec.Linux.Namespaces.Select(n => n.Type));
        Assert.All(spec.Linux.Namespaces, n => Assert.Null(n.Path));
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"], spec.Mounts.Select(m => m.Destination));
        Assert.Contains("ro", spec.Mounts.Single(m => m.Destination == "/sys").Options!);
        Assert.Contains("ro", spec.Mounts.Single(m => m.Destination == "/sys/fs/cgroup").Options!);
        Assert.Contains("size=67108864", spec.Mounts.Single(m => m.Destination == "/dev/shm").Options!);
        Assert.Equal(OciSpecBuilder.MaskedPaths, spec.Linux.MaskedPaths);
        Assert.Contains("/proc/kcore", spec.Linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], spec.Linux.ReadonlyPaths);
        Assert.Equal("/berth/abc", spec.Linux.CgroupsPath);
        Assert.Equal("host1", spec.Hostname);
        Assert.NotNull(spec.Linux.Seccomp);
        Assert.Null(spec.Linux.Devices);
        Assert.Null(spec.Process.Rlimits);
        Assert.False(spec.Root.Readonly);
    }

    [Fact]
    public void Root_gets_the_fourteen_capabilities_in_bounding_effective_and_permitted()
    {
        var caps = OciSpecBuilder.Build(Specs.Container(), "berth").Process.Capabilities!;
        Assert.Equal(14, caps.Bounding!.Count);
        Assert.Equal(caps.Bounding, caps.Effective);
        Assert.Equal(caps.Bounding, caps.Permitted);
        Assert.Null(caps.Inheritable);
        Assert.Null(caps.Ambient);
        Assert.Contains("CAP_NET_BIND_SERVICE", caps.Bounding);
        Assert.DoesNotContain("CAP_SYS_ADMIN", caps.Bounding);
    }

    [Fact]
    public void A_non_root_user_has_capabilities_only_in_the_bounding_set()
    {
        var process = OciSpecBuilder.Build(Specs.Container(uid: 1000), "berth").Process;
        Assert.Equal(14, process.Capabilities!.Bounding!.Count);
        Assert.Null(process.Capabilities.Effective);
        Assert.Null(process.Capabilities.Permitted);
        Assert.Equal((1000u, 1000u), (process.User.Uid, process.User.Gid));
    }

    [Fact]
    public void Device_rules_deny_all_then_allow_the_standard_nodes_and_deny_fuse()
    {
        var rules = OciSpecBuilder.Build(Specs.Container(), "berth").Linux.Resources.Devices!;
        Assert.Equal(new OciDeviceRule { Allow = false, Access = "rwm" }, rules[0], RuleComparer.Instance);
        var allowed = rules.Where(r => r.Allow).Select(r => $"{r.Type} {r.Major?.ToString() ?? "*"}:{r.Minor?.ToString() ?? "*"} {r.Access}").ToList();
        Assert.Superset(new HashSet<string> { "c 1:5 rwm", "c 1:3 rwm", "c 1:9 rwm", "c 1:8 rwm", "c 5:0 rwm", "c 5:1 rwm", "c 136:* rwm", "c 5:2 rwm", "c 10:200 rwm" }, allowed.ToHashSet());
        // fuse is denied before any wildcard allows mknod, as runc needs it on cgroup v1
        var fuse = rules.FindIndex(r => !r.Allow && r.Type == "c" && r.Major == 10 && r.Minor == 229);
        Assert.True(fuse > 0);
        Assert.True(fuse < rules.FindIndex(r => r.Major is null && r.Type is not null));
    }

    [Fact]
    public void Privileged_gets_everything_and_no_confinement()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with { Privileged = true, CapDrop = ["CHOWN"] }, "berth");

        Assert.Equal(Capabilities.Supported, spec.Process.Capabilities!.Bounding);
        Assert.Null(spec.Linux.Seccomp);
        Assert.Null(spec.Linux.MaskedPaths);
        Assert.Null(spec.Linux.ReadonlyPaths);
        Assert.Equal([true], spec.Linux.Resources.Devices!.Select(d => d.Allow));
        Assert.Contains("rw", spec.Mounts.Single(m => m.Destination == "/sys").Options!);
        Assert.Contains("rw", spec.Mounts.Single(m => m.Destination == "/sys/fs/cgroup").Options!);
        Assert.NotNull(spec.Linux.Devices);
        Assert.Contains(spec.Linux.Devices, d => d.Path == "/dev/null" && d.Type == "c" && d.Major == 1 && d.Minor == 3);
        Assert.DoesNotContain(spec.Linux.Devices, d => d.Path.StartsWith("/dev/pts/", StringComparison.Ordinal) || d.Path == "/dev/console");
    }

    [Fact]
    public void Read_only_rootfs_and_seccomp_unconfined()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with { ReadonlyRootfs = true, Seccomp = false }, "berth");
        Assert.True(spec.Root.Readonly);
        Assert.Null(spec.Linux.Seccomp);
        Assert.NotNull(spec.Linux.MaskedPaths);
    }

    [Fact]
    public void User_mounts_follow_the_defaults_and_replace_those_at_the_same_place()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with
        {
            Mounts =
            [
                MountSpec.Bind("/host/hosts", "/etc/hosts", readOnly: false),
                new MountSpec("tmpfs", "tmpfs", "/dev/shm", ["size=1m"]),
                MountSpec.Bind("/data", "/data", readOnly: true),
            ],
        }, "berth");

        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/etc/hosts", "/dev/shm", "/data"], spec.Mounts.Select(m => m.Destination));
        Assert.Equal(["size=1m"], spec.Mounts.Single(m => m.Destination == "/dev/shm").Options);
        var data = spec.Mounts.Single(m => m.Destination == "/data");
        Assert.Equal(("bind", "/data"), (data.Type, data.Source));
        Assert.Equal(["rbind", "ro", "rprivate"], data.Options);
    }

    [Fact]
    public void A_user_dev_mount_replaces_every_default_under_dev()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with { Mounts = [MountSpec.Bind("/dev", "/dev", readOnly: false)] }, "berth");
        Assert.Equal(["/proc", "/sys", "/sys/fs/cgroup", "/dev"], spec.Mounts.Select(m => m.Destination));
    }

    [Fact]
    public void Host_network_shares_the_host_namespace_and_skips_network_sysctls()
    {
        var host = OciSpecBuilder.Build(Specs.Container() with { HostNetwork = true }, "berth");
        Assert.DoesNotContain(host.Linux.Namespaces, n => n.Type == "network");
        Assert.Contains(host.Linux.Namespaces, n => n.Type == "uts");
        Assert.Null(host.Linux.Sysctl);

        var own = OciSpecBuilder.Build(Specs.Container(), "berth");
        if (File.Exists("/proc/sys/net/ipv4/ip_unprivileged_port_start"))
        {
            Assert.Equal("0", own.Linux.Sysctl!["net.ipv4.ip_unprivileged_port_start"]);
        }
    }

    [Fact]
    public void A_network_namespace_path_is_joined()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with { NetworkNamespacePath = "/run/netns/x" }, "berth");
        Assert.Equal("/run/netns/x", spec.Linux.Namespaces.Single(n => n.Type == "network").Path);
    }

    [Fact]
    public void User_sysctls_override_the_defaults()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "80", ["kernel.msgmax"] = "1" },
        }, "berth");
        Assert.Equal("80", spec.Linux.Sysctl!["net.ipv4.ip_unprivileged_port_start"]);
        Assert.Equal("1", spec.Linux.Sysctl["kernel.msgmax"]);
    }

    [Fact]
    public void Cpus_become_a_quota_per_100ms_period()
    {
        var cpu = OciSpecBuilder.Build(Specs.Container() with { Resources = new ResourceLimits { NanoCpus = 1_500_000_000 } }, "berth").Linux.Resources.Cpu!;
        Assert.Equal((150_000L, 100_000UL), (cpu.Quota, cpu.Period));
    }

    [Fact]
    public void Explicit_cpu_settings_pass_through()
    {
        var cpu = OciSpecBuilder.Build(Specs.Container() with
        {
            Resources = new ResourceLimits { CpuQuota = 50_000, CpuPeriod = 200_000, CpuShares = 512, CpusetCpus = "0-1" },
        }, "berth").Linux.Resources.Cpu!;
        Assert.Equal((50_000L, 200_000UL, 512UL, "0-1"), (cpu.Quota, cpu.Period, cpu.Shares, cpu.Cpus));
    }

    [Theory]
    [InlineData(16L << 20, null, 32L << 20)]
    [InlineData(16L << 20, -1L, -1L)]
    [InlineData(16L << 20, 20L << 20, 20L << 20)]
    public void Memory_swap_defaults_to_twice_the_limit(long memory, long? swap, long expectedSwap)
    {
        var m = OciSpecBuilder.Build(Specs.Container() with { Resources = new ResourceLimits { MemoryBytes = memory, MemorySwapBytes = swap } }, "berth").Linux.Resources.Memory!;
        Assert.Equal((memory, expectedSwap), (m.Limit, m.Swap));
    }

    [Fact]
    public void A_reservation_alone_sets_no_limit()
    {
        var m = OciSpecBuilder.Build(Specs.Container() with { Resources = new ResourceLimits { MemoryReservationBytes = 1 << 20 } }, "berth").Linux.Resources.Memory!;
        Assert.Equal((null, 1L << 20, null), (m.Limit, m.Reservation, m.Swap));
    }

    [Fact]
    public void No_limits_no_sections()
    {
        var resources = OciSpecBuilder.Build(Specs.Container(), "berth").Linux.Resources;
        Assert.Null(resources.Memory);
        Assert.Null(resources.Cpu);
        Assert.Null(resources.Pids);
    }

    [Fact]
    public void Pids_limit_passes_through()
    {
        var pids = OciSpecBuilder.Build(Specs.Container() with { Resources = new ResourceLimits { PidsLimit = 42 } }, "berth").Linux.Resources.Pids!;
        Assert.Equal(42, pids.Limit);
    }

    [Fact]
    public void A_terminal_gets_its_initial_size()
    {
        var process = OciSpecBuilder.Process(Specs.Process() with { Terminal = true, ConsoleRows = 40, ConsoleColumns = 120 }, Capabilities.Default);
        Assert.True(process.Terminal);
        Assert.Equal((40u, 120u), (process.ConsoleSize!.Height, process.ConsoleSize.Width));
        Assert.Null(OciSpecBuilder.Process(Specs.Process() with { ConsoleRows = 40, ConsoleColumns = 120 }, Capabilities.Default).ConsoleSize);
    }

    [Fact]
    public void Process_fields_pass_through()
    {
        var process = OciSpecBuilder.Process(Specs.Process(["sh", "-c", "true"]) with { Cwd = "/work", AdditionalGids = [0, 10], NoNewPrivileges = true }, Capabilities.Default);
        Assert.Equal(["sh", "-c", "true"], process.Args);
        Assert.Equal("/work", process.Cwd);
        Assert.Equal([0u, 10u], process.User.AdditionalGids);
        Assert.True(process.NoNewPrivileges);
    }

    [Fact]
    public void Invalid_capabilities_are_refused()
    {
        var error = Assert.Throws<Core.Errors.BerthException>(() => OciSpecBuilder.Build(Specs.Container() with { CapAdd = ["FOO"] }, "berth"));
        Assert.Equal(Core.Errors.ErrorKind.InvalidArgument, error.Kind);
    }

    private sealed class RuleComparer : IEqualityComparer<OciDeviceRule>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(OciDeviceRule? x, OciDeviceRule? y) =>
            (x?.Allow, x?.Type, x?.Major, x?.Minor, x?.Access) == (y?.Allow, y?.Type, y?.Major, y?.Minor, y?.Access);

        public int GetHashCode(OciDeviceRule obj) => obj.Allow.GetHashCode();
    }

    [Fact]
    public void Update_resources_carry_the_limits_and_leave_the_device_rules_alone()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            Berth.Runtime.Spec.ResourceMapping.ForLimits(new ResourceLimits { MemoryBytes = 64 << 20, PidsLimit = 50 }), OciJsonContext.Default.OciResources);
        Assert.DoesNotContain("devices", json, StringComparison.Ordinal);
        Assert.Contains("\"limit\":67108864", json, StringComparison.Ordinal);
        Assert.Contains("\"swap\":134217728", json, StringComparison.Ordinal);
        Assert.Contains("\"pids\":{\"limit\":50}", json, StringComparison.Ordinal);
    }
}
