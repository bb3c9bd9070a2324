using Berth.Runtime.Cgroups;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>The catalog on this very host (root): it finds the runtimes and leaves crun runnable on a hybrid host.</summary>
[Collection(RootRuntimeCollection.Name)]
public sealed class HostCatalogTests
{
    [RequiresRootFact]
    public void The_default_runtime_can_run_here()
    {
        Root.Require();
        using var dir = new TempDir();
        var catalog = RuntimeCatalog.Create(null, dir.Path);

        Assert.Contains(catalog.DefaultName, new[] { "crun", "runc" });
        Assert.Contains(catalog.Available, r => r.Name == catalog.DefaultName && File.Exists(r.Path));
        var layout = CgroupLayout.Detect();
        Assert.Equal(layout.Version, catalog.CgroupVersion);
        if (catalog.DefaultName == "crun")
        {
            // what crun 1.8 needs on a hybrid host: a cgroup2 mount with no controllers
            Assert.Empty(layout.UnifiedControllers(p => File.Exists(p) ? File.ReadAllText(p) : null));
        }

        Assert.StartsWith($"default runtime {catalog.DefaultName} (cgroup v{catalog.CgroupVersion}, cgroupfs driver)", catalog.Summary, StringComparison.Ordinal);
    }
}
