using Berth.Images.Manifests;
using Berth.Registry.Pull;

namespace Berth.Registry.Tests;

public sealed class PlatformSpecTests
{
    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", true)]
    [InlineData("linux/amd64", "linux", "x86_64", true)]
    [InlineData("linux/amd64", "linux", "arm64", false)]
    [InlineData("linux/amd64", "windows", "amd64", false)]
    [InlineData("linux/arm64", "linux", "arm64", true)]
    [InlineData("linux/arm64", "linux", "aarch64", true)]
    [InlineData("linux/arm/v7", "linux", "arm", true)]
    public void An_index_entry_matches_by_os_and_architecture(string wanted, string os, string arch, bool matches) =>
        Assert.Equal(matches, PlatformSpec.Parse(wanted).Matches(new OciPlatform { Os = os, Architecture = arch }));

    [Fact]
    public void Variants_must_agree_when_both_are_given()
    {
        var v7 = PlatformSpec.Parse("linux/arm/v7");
        Assert.True(v7.Matches(new OciPlatform { Os = "linux", Architecture = "arm", Variant = "v7" }));
        Assert.False(v7.Matches(new OciPlatform { Os = "linux", Architecture = "arm", Variant = "v6" }));
        Assert.True(PlatformSpec.Parse("linux/arm64").Matches(new OciPlatform { Os = "linux", Architecture = "arm64", Variant = "v8" }));
        Assert.False(PlatformSpec.Parse("linux/arm64").Matches(new OciPlatform { Os = "linux", Architecture = "arm64", Variant = "v9" }));
    }

    [Fact]
    public void No_platform_means_the_host_and_nonsense_is_refused()
    {
        Assert.Equal(PlatformSpec.Host, PlatformSpec.Parse(null));
        Assert.Equal("linux", PlatformSpec.Parse("").Os);
        Assert.Throws<Berth.Core.Errors.BerthException>(() => PlatformSpec.Parse("linux//"));
        Assert.False(PlatformSpec.Host.Matches(null));
    }
}
