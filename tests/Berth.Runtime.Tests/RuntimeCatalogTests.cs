using Berth.Core.Errors;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

public sealed class RuntimeCatalogTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly RuntimeCatalog _catalog;

    public RuntimeCatalogTests() => _catalog = new RuntimeCatalog(
        [new CliRuntime(RuntimeFlavor.Crun, "/usr/bin/crun", _dir.Combine("crun")), new CliRuntime(RuntimeFlavor.Runc, "/usr/sbin/runc", _dir.Combine("runc"))],
        "crun",
        new CgroupLayout("1", "/sys/fs/cgroup/unified", ["cpuacct", "memory", "pids"], []),
        "berth",
        []);

    [Fact]
    public void Null_or_empty_is_the_default()
    {
        Assert.Equal("crun", _catalog.Get(null).Name);
        Assert.Equal("crun", _catalog.Get("").Name);
        Assert.Equal("runc", _catalog.Get("runc").Name);
    }

    [Fact]
    public void An_unknown_name_is_docker_s_error()
    {
        var error = Assert.Throws<BerthException>(() => _catalog.Get("kata"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("unknown or invalid runtime name: kata", error.Message);
    }

    [Fact]
    public void Info_facts()
    {
        Assert.Equal([new RuntimeInfo("crun", "/usr/bin/crun"), new RuntimeInfo("runc", "/usr/sbin/runc")], _catalog.Available);
        Assert.Equal(("1", "cgroupfs"), (_catalog.CgroupVersion, _catalog.CgroupDriver));
        Assert.Equal("default runtime crun (cgroup v1, cgroupfs driver)", _catalog.Summary);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_container_s_cgroup_is_under_the_parent_in_each_v1_hierarchy()
    {
        var cgroup = _catalog.CgroupOf("abc");
        Assert.False(cgroup.Unified);
        Assert.Equal("/sys/fs/cgroup/memory/berth/abc", cgroup.Dir("memory"));
        Assert.Equal("/sys/fs/cgroup/pids/berth/abc", cgroup.Dir("pids"));
    }
}
