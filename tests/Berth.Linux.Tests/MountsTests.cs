using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

public sealed class MountsTests
{
    [Fact]
    public void Proc_is_a_mount_point_and_a_fresh_directory_is_not()
    {
        using var dir = new TempDir();
        Assert.True(Mounts.IsMountPoint("/proc"));
        Assert.True(Mounts.IsMountPoint("/proc/"));
        Assert.False(Mounts.IsMountPoint(dir.Path));
    }

    [Fact]
    public void Escaped_mount_points_are_recognised()
    {
        string[] mountinfo = ["36 25 0:31 / /mnt/with\\040space rw,relatime shared:13 - tmpfs tmpfs rw"];
        Assert.True(Mounts.IsMountPoint("/mnt/with space", mountinfo));
        Assert.False(Mounts.IsMountPoint("/mnt/with", mountinfo));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\040b", "a b")]
    [InlineData("tab\\011and\\134slash", "tab\tand\\slash")]
    [InlineData("not\\9", "not\\9")]
    [InlineData("end\\04", "end\\04")]
    public void Mountinfo_escapes_are_decoded(string field, string expected) => Assert.Equal(expected, Mounts.Unescape(field));

    [RequiresRootFact]
    public void A_tmpfs_mounts_and_detaches()
    {
        Root.Require();
        using var dir = new TempDir();
        var target = dir.Combine("mnt");
        Directory.CreateDirectory(target);
        Mounts.Mount("tmpfs", target, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=1m");
        try
        {
            Assert.True(Mounts.IsMountPoint(target));
        }
        finally
        {
            Mounts.Unmount(target, detach: true);
        }

        Assert.False(Mounts.IsMountPoint(target));
        var error = Assert.Throws<LinuxException>(() => Mounts.Unmount(target, detach: false));
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(target, error.Path);
    }
}
