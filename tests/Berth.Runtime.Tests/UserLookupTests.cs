using Berth.Core.Errors;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>Docker's -u forms against the image's own passwd and group files (moby/sys/user GetExecUser).</summary>
public sealed class UserLookupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public UserLookupTests()
    {
        Directory.CreateDirectory(_dir.Combine("rootfs", "etc"));
        File.WriteAllText(_dir.Combine("rootfs", "etc", "passwd"), """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/bin/false
            # a comment
            app:x:1000:1000:App:/home/app:/bin/sh
            broken:x
            nobody:x:65534:65534:nobody:/nonexistent:/bin/false
            """);
        File.WriteAllText(_dir.Combine("rootfs", "etc", "group"), """
            root:x:0:root
            wheel:x:10:root,app
            app:x:1000:
            staff:x:50:app
            nogroup:x:65534:
            """);
    }

    private string Rootfs => _dir.Combine("rootfs");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("0")]
    public void Root_by_default_by_name_or_by_number(string? user)
    {
        var resolved = UserLookup.Resolve(Rootfs, user);
        Assert.Equal((0u, 0u, "/root"), (resolved.Uid, resolved.Gid, resolved.Home));
        Assert.Equal([0u, 10u], resolved.AdditionalGids);
    }

    [Fact]
    public void A_name_gets_its_uid_gid_home_and_the_groups_listing_it()
    {
        var app = UserLookup.Resolve(Rootfs, "app");
        Assert.Equal((1000u, 1000u, "/home/app"), (app.Uid, app.Gid, app.Home));
        Assert.Equal([1000u, 10u, 50u], app.AdditionalGids);
    }

    [Fact]
    public void A_uid_in_passwd_is_that_user()
    {
        var app = UserLookup.Resolve(Rootfs, "1000");
        Assert.Equal((1000u, 1000u, "/home/app"), (app.Uid, app.Gid, app.Home));
        Assert.Equal([1000u, 10u, 50u], app.AdditionalGids);
    }

    [Fact]
    public void A_uid_not_in_passwd_runs_as_that_uid_in_group_0()
    {
        var stranger = UserLookup.Resolve(Rootfs, "4242");
        Assert.Equal((4242u, 0u, "/"), (stranger.Uid, stranger.Gid, stranger.Home));
        Assert.Equal([0u], stranger.AdditionalGids);
    }

    [Theory]
    [InlineData("app:staff", 1000u, 50u)]
    [InlineData("app:50", 1000u, 50u)]
    [InlineData("1000:0", 1000u, 0u)]
    [InlineData("4242:4242", 4242u, 4242u)]
    [InlineData("daemon:wheel", 1u, 10u)]
    public void An_explicit_group_replaces_the_primary_and_supplementary_ones(string user, uint uid, uint gid)
    {
        var resolved = UserLookup.Resolve(Rootfs, user);
        Assert.Equal((uid, gid), (resolved.Uid, resolved.Gid));
        Assert.Equal([gid], resolved.AdditionalGids);
    }

    [Fact]
    public void An_unknown_name_is_docker_s_error()
    {
        var error = Assert.Throws<BerthException>(() => UserLookup.Resolve(Rootfs, "nosuch"));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("unable to find user nosuch: no matching entries in passwd file", error.Message);
    }

    [Fact]
    public void An_unknown_group_is_docker_s_error()
    {
        var error = Assert.Throws<BerthException>(() => UserLookup.Resolve(Rootfs, "app:nosuch"));
        Assert.Equal("unable to find group nosuch: no matching entries in group file", error.Message);
    }

    [Fact]
    public void Without_passwd_only_numbers_work()
    {
        File.Delete(_dir.Combine("rootfs", "etc", "passwd"));
        File.Delete(_dir.Combine("rootfs", "etc", "group"));
        Assert.Equal(0u, UserLookup.Resolve(Rootfs, null).Uid);
        Assert.Equal((7u, 8u), (UserLookup.Resolve(Rootfs, "7:8").Uid, UserLookup.Resolve(Rootfs, "7:8").Gid));
        Assert.Throws<BerthException>(() => UserLookup.Resolve(Rootfs, "root"));
    }

    [Fact]
    public void A_passwd_symlinked_to_a_host_file_is_not_read()
    {
        // a host file that would resolve "root" and "admin" if it were read
        File.WriteAllText(_dir.Combine("shadow"), "admin:x:0:0:host:/host:/bin/sh\n");
        File.Delete(_dir.Combine("rootfs", "etc", "passwd"));
        File.CreateSymbolicLink(_dir.Combine("rootfs", "etc", "passwd"), _dir.Combine("shadow"));

        Assert.Throws<BerthException>(() => UserLookup.Resolve(Rootfs, "admin"));

        File.Delete(_dir.Combine("rootfs", "etc", "passwd"));
        File.CreateSymbolicLink(_dir.Combine("rootfs", "etc", "passwd"), "../../../../../../../../" + _dir.Combine("shadow").TrimStart('/'));
        Assert.Throws<BerthException>(() => UserLookup.Resolve(Rootfs, "admin"));
    }

    [Fact]
    public void A_symlink_within_the_rootfs_is_followed_inside_it()
    {
        Directory.CreateDirectory(_dir.Combine("rootfs", "real"));
        File.Move(_dir.Combine("rootfs", "etc", "passwd"), _dir.Combine("rootfs", "real", "passwd"));
        File.CreateSymbolicLink(_dir.Combine("rootfs", "etc", "passwd"), "/real/passwd");
        Assert.Equal(1000u, UserLookup.Resolve(Rootfs, "app").Uid);
    }

    public void Dispose() => _dir.Dispose();
}
