using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests;

public sealed class MountResolverTests
{
    [Fact]
    public void Binds_parse_with_modes()
    {
        var rw = MountResolver.ParseBind("/host/dir:/data");
        Assert.Equal(("/host/dir", "/data", true, null, "", false), (rw.Source, rw.Destination, rw.ReadWrite, rw.Propagation, rw.Mode, rw.IsVolume));
        var named = MountResolver.ParseBind("myvol:/data:ro,nocopy");
        Assert.Equal(("myvol", true, false, true), (named.Source, named.IsVolume, named.ReadWrite, named.NoCopy));
        var ro = MountResolver.ParseBind("/h:/c/:ro");
        Assert.Equal(("/c", false, "ro"), (ro.Destination, ro.ReadWrite, ro.Mode));
        Assert.Equal("rshared", MountResolver.ParseBind("/h:/c:rw,rshared").Propagation);
    }

    [Theory]
    [InlineData("/h:relative")]
    [InlineData("/h:/")]
    [InlineData("/h:/c:bogus")]
    [InlineData(":/c")]
    public void Bad_binds_are_refused(string spec) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => MountResolver.ParseBind(spec)).Kind);

    [Fact]
    public void Mount_binds_need_their_source()
    {
        var e = Assert.Throws<BerthException>(() => MountResolver.FromMountRequest(new MountRequest { Type = "bind", Source = "/nonexistent-berth-test", Target = "/x" }));
        Assert.Equal("invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-berth-test", e.Message);
        Assert.Equal("tmpfs", MountResolver.FromMountRequest(new MountRequest { Type = "tmpfs", Target = "/t" }).Type);
    }

    [Theory]
    [InlineData("bad/name:/x")]
    [InlineData("x:/data")]
    public void Invalid_volume_names_are_refused(string spec) =>
        Assert.Contains("includes invalid characters for a local volume name", Assert.Throws<BerthException>(() => MountResolver.ParseBind(spec)).Message);
}
