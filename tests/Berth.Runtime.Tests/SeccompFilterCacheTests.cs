using Berth.Runtime.Cli;
using Berth.Runtime.Spec;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

public sealed class SeccompFilterCacheTests
{
    [Fact]
    public void A_filter_learnt_from_one_container_is_handed_to_the_next_with_the_same_profile()
    {
        using var dir = new TempDir();
        var cache = new SeccompFilterCache();
        var first = OciSpecBuilder.Build(Specs.Container(), "berth");
        var key = cache.Apply(first);
        Assert.NotNull(key);
        Assert.Null(first.Annotations);

        File.WriteAllBytes(dir.Combine(SeccompFilterCache.FilterFile), [1, 2, 3]);
        cache.Learn(key, dir.Path);

        var second = OciSpecBuilder.Build(Specs.Container(id: "c2"), "berth");
        Assert.Null(cache.Apply(second));
        Assert.Equal("AQID", second.Annotations![SeccompFilterCache.Annotation]);

        var other = OciSpecBuilder.Build(Specs.Container() with { CapAdd = ["SYS_ADMIN"] }, "berth");
        Assert.NotNull(cache.Apply(other));
        Assert.Null(other.Annotations);
    }

    [Fact]
    public void Without_seccomp_there_is_nothing_to_cache()
    {
        var cache = new SeccompFilterCache();
        var spec = OciSpecBuilder.Build(Specs.Container() with { Seccomp = false }, "berth");
        Assert.Null(cache.Apply(spec));
        Assert.Null(spec.Annotations);
    }
}
