using Berth.Core.Errors;
using Berth.Runtime.Security;

namespace Berth.Runtime.Tests;

/// <summary>--cap-add and --cap-drop as moby's TweakCapabilities applies them.</summary>
public sealed class CapabilitiesTests
{
    [Fact]
    public void No_changes_is_the_fourteen_defaults() => Assert.Equal(Capabilities.Default, Capabilities.Resolve([], [], privileged: false));

    [Fact]
    public void Names_are_case_insensitive_with_or_without_the_prefix()
    {
        var caps = Capabilities.Resolve(["sys_admin", "CAP_NET_ADMIN", "Sys_Ptrace"], ["chown", "CAP_KILL"], privileged: false);
        Assert.Contains("CAP_SYS_ADMIN", caps);
        Assert.Contains("CAP_NET_ADMIN", caps);
        Assert.Contains("CAP_SYS_PTRACE", caps);
        Assert.DoesNotContain("CAP_CHOWN", caps);
        Assert.DoesNotContain("CAP_KILL", caps);
        Assert.Equal(15, caps.Count);
    }

    [Fact]
    public void Adding_a_default_does_not_repeat_it() => Assert.Equal(Capabilities.Default, Capabilities.Resolve(["CHOWN"], [], privileged: false));

    [Fact]
    public void Drop_all_keeps_only_the_added() => Assert.Equal(["CAP_NET_BIND_SERVICE"], Capabilities.Resolve(["NET_BIND_SERVICE"], ["ALL"], privileged: false));

    [Fact]
    public void Add_all_grants_everything_but_the_dropped()
    {
        var caps = Capabilities.Resolve(["all"], ["MKNOD"], privileged: false);
        Assert.Equal(Capabilities.Supported.Count - 1, caps.Count);
        Assert.DoesNotContain("CAP_MKNOD", caps);
        Assert.Contains("CAP_SYS_ADMIN", caps);
    }

    [Fact]
    public void Privileged_is_every_capability_of_the_kernel()
    {
        Assert.Equal(Capabilities.Supported, Capabilities.Resolve([], ["ALL"], privileged: true));
        Assert.Contains("CAP_SYS_ADMIN", Capabilities.Supported);
        Assert.True(Capabilities.Supported.Count >= 38);
    }

    [Theory]
    [InlineData("FOO", "invalid CapAdd: unknown capability: \"CAP_FOO\"")]
    [InlineData("cap_nothing", "invalid CapAdd: unknown capability: \"CAP_NOTHING\"")]
    public void An_unknown_name_is_an_invalid_argument_worded_as_docker(string name, string message)
    {
        var error = Assert.Throws<BerthException>(() => Capabilities.Resolve([name], [], privileged: false));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unknown_drops_are_refused_too()
    {
        var error = Assert.Throws<BerthException>(() => Capabilities.Resolve([], ["BOGUS"], privileged: true));
        Assert.Equal("invalid CapDrop: unknown capability: \"CAP_BOGUS\"", error.Message);
    }
}
