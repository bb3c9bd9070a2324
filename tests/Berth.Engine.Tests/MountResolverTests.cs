using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests;

public sealed class MountResolverTests
{
    [Fact]
    public void Binds_parse_with_modes()
    {
        var rw = MountResolver.ParseBind("/host/dir:/data");
        Assert.Equal(("bind", "/host/dir", "/data", true, "rprivate", ""), (rw.Type, rw.Source, rw.Destination, rw.ReadWrite, rw.Propagation, rw.Mode));
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
    public void A_later_bind_for_the_same_destination_wins_and_mount_binds_need_their_source()
    {
        var mounts = MountResolver.Resolve(new HostSettings { Binds = ["/a:/data", "/b:/data"] }, new ContainerSettings());
        Assert.Equal("/b", Assert.Single(mounts).Source);

        var e = Assert.Throws<BerthException>(() => MountResolver.Resolve(
            new HostSettings { Mounts = [new MountRequest { Type = "bind", Source = "/nonexistent-berth-test", Target = "/x" }] }, new ContainerSettings()));
        Assert.Equal("invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-berth-test", e.Message);
    }
}
