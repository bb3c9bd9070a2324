using Berth.Core.Errors;
using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

public sealed class OverlaySnapshotterTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly OverlaySnapshotter _snapshots;

    public OverlaySnapshotterTests() => _snapshots = new OverlaySnapshotter(_dir.Combine("snapshots"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Prepare_makes_upper_and_work_and_returns_an_overlay_mount_top_layer_first()
    {
        var lowers = new[] { _dir.Combine("l1"), _dir.Combine("l2"), _dir.Combine("l3") };

        var mount = _snapshots.Prepare("c1", lowers, "/rootfs");

        var upper = _dir.Combine("snapshots", "c1", "upper");
        var work = _dir.Combine("snapshots", "c1", "work");
        Assert.Equal(("overlay", "overlay", "/rootfs"), (mount.Type, mount.Source, mount.Target));
        Assert.Equal([$"lowerdir={lowers[2]}:{lowers[1]}:{lowers[0]}", $"upperdir={upper}", $"workdir={work}", "index=off"], mount.Options);
        Assert.Equal(upper, _snapshots.UpperDir("c1"));
        Assert.True(Directory.Exists(upper));
        Assert.True(Directory.Exists(work));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(upper));
    }

    [Fact]
    public void Preparing_again_keeps_what_the_container_wrote()
    {
        _snapshots.Prepare("c1", [_dir.Combine("l1")], "/rootfs");
        File.WriteAllText(Path.Combine(_snapshots.UpperDir("c1"), "written"), "12345");

        _snapshots.Prepare("c1", [_dir.Combine("l1")], "/rootfs");

        Assert.Equal(5, _snapshots.UsageOf("c1"));
    }

    [Fact]
    public void An_image_without_layers_gets_an_empty_lower_dir()
    {
        var mount = _snapshots.Prepare("c1", [], "/rootfs");

        var lower = mount.Options[0]["lowerdir=".Length..];
        Assert.True(Directory.Exists(lower));
        Assert.Empty(Directory.EnumerateFileSystemEntries(lower));
    }

    [Fact]
    public void Too_long_a_lowerdir_list_is_made_to_fit_with_short_links_to_the_same_layers()
    {
        var lowers = Enumerable.Range(0, 40).Select(i => _dir.Combine("layers", new string((char)('a' + (i % 26)), 64) + i, "diff")).ToList();
        Assert.True(string.Join(':', lowers).Length > 4096);

        var mount = _snapshots.Prepare("c1", lowers, "/rootfs");
        var again = _snapshots.Prepare("c2", lowers, "/rootfs");

        Assert.True(string.Join(',', mount.Options).Length < 4096);
        var links = mount.Options[0]["lowerdir=".Length..].Split(':');
        Assert.Equal(lowers.AsEnumerable().Reverse(), links.Select(link => new FileInfo(link).LinkTarget));
        Assert.All(links, link => Assert.StartsWith(_dir.Combine("snapshots", "l") + "/", link, StringComparison.Ordinal));
        Assert.Equal(mount.Options[0], again.Options[0]);
    }

    [Fact]
    public void Layers_that_cannot_fit_even_with_links_are_refused()
    {
        var lowers = Enumerable.Range(0, 200).Select(i => _dir.Combine("layer" + i)).ToList();

        var error = Assert.Throws<BerthException>(() => _snapshots.Prepare("c1", lowers, "/rootfs"));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("l")]
    public void Keys_must_be_plain_names(string key) =>
        Assert.Throws<ArgumentException>(() => _snapshots.Prepare(key, [], "/rootfs"));

    [Theory]
    [InlineData("relative/dir")]
    [InlineData("/a,b")]
    [InlineData("/a:b")]
    public void Lower_dirs_must_be_absolute_and_free_of_option_separators(string lower) =>
        Assert.Throws<ArgumentException>(() => _snapshots.Prepare("c1", [lower], "/rootfs"));

    [Fact]
    public void Remove_deletes_the_snapshot_and_can_be_repeated()
    {
        _snapshots.Prepare("c1", [_dir.Combine("l1")], "/rootfs");
        Directory.CreateDirectory(Path.Combine(_snapshots.UpperDir("c1"), "ro"));
        File.SetUnixFileMode(Path.Combine(_snapshots.UpperDir("c1"), "ro"), UnixFileMode.UserRead);

        _snapshots.Remove("c1");
        _snapshots.Remove("c1");

        Assert.False(Directory.Exists(_dir.Combine("snapshots", "c1")));
        Assert.Equal(0, _snapshots.UsageOf("c1"));
    }

    [Fact]
    public async Task The_returned_mount_shows_the_layers_merged_and_takes_writes_in_the_upper_dir_only()
    {
        Requires.Root();
        var ct = TestContext.Current.CancellationToken;
        var layers = new LayerStore(_dir.Combine("layers"));
        var bottom = await layers.ApplyAsync(
            new NonSeekableStream(new TarBuilder()
                .File("etc/hostname", "lower").File("etc/gone", "x").File("etc/kept", "k")
                .File("var/cache/old", "old").File("bin/tool", "v1").Build()),
            null, null, null, ct);
        var top = await layers.ApplyAsync(
            new NonSeekableStream(new TarBuilder()
                .Whiteout("etc", "gone").Opaque("var/cache").File("var/cache/new", "new").File("bin/tool", "v2").Build()),
            bottom.ChainId, null, null, ct);
        var rootfs = _dir.Combine("rootfs");
        Directory.CreateDirectory(rootfs);
        var lowerBefore = Listing(layers.DiffDir(bottom.ChainId));

        var mount = _snapshots.Prepare("c1", [layers.DiffDir(bottom.ChainId), layers.DiffDir(top.ChainId)], rootfs);
        TestMounts.Mount(mount);
        try
        {
            Assert.Equal("lower", await File.ReadAllTextAsync(Path.Combine(rootfs, "etc/hostname"), ct));
            Assert.False(File.Exists(Path.Combine(rootfs, "etc/gone")));
            Assert.Equal(["new"], Directory.GetFileSystemEntries(Path.Combine(rootfs, "var/cache")).Select(Path.GetFileName));
            Assert.Equal("v2", await File.ReadAllTextAsync(Path.Combine(rootfs, "bin/tool"), ct));

            await File.WriteAllTextAsync(Path.Combine(rootfs, "etc/hostname"), "container", ct);
            await File.WriteAllTextAsync(Path.Combine(rootfs, "new-file"), "12345", ct);
            File.Delete(Path.Combine(rootfs, "etc/kept"));
        }
        finally
        {
            TestMounts.Unmount(rootfs);
        }

        var upper = _snapshots.UpperDir("c1");
        Assert.Equal("container", await File.ReadAllTextAsync(Path.Combine(upper, "etc/hostname"), ct));
        Assert.True(FileSystemNodes.TryGetStatus(Path.Combine(upper, "etc/kept"), out var whiteout));
        Assert.Equal((FileSystemNodeType.CharacterDevice, 0u, 0u), (whiteout.Type, whiteout.RdevMajor, whiteout.RdevMinor));
        Assert.Equal(lowerBefore, Listing(layers.DiffDir(bottom.ChainId)));
        Assert.Equal("lower", await File.ReadAllTextAsync(Path.Combine(layers.DiffDir(bottom.ChainId), "etc/hostname"), ct));
        Assert.Equal("container".Length + "12345".Length, _snapshots.UsageOf("c1"));

        _snapshots.Remove("c1");
        Assert.False(Directory.Exists(_dir.Combine("snapshots", "c1")));
    }

    [Fact]
    public void A_disposable_snapshot_is_mounted_volatile_and_mounts_again_after_its_unmount()
    {
        Requires.Root();
        var lower = _dir.Combine("lower");
        Directory.CreateDirectory(lower);
        var rootfs = _dir.Combine("rootfs");
        Directory.CreateDirectory(rootfs);

        var mount = _snapshots.Prepare("c1", [lower], rootfs, disposable: true);
        Assert.Equal("volatile", mount.Options[^1]);
        TestMounts.Mount(mount);
        File.WriteAllText(Path.Combine(rootfs, "written"), "run 1");
        TestMounts.Unmount(rootfs);
        Assert.True(Directory.Exists(_dir.Combine("snapshots", "c1", "work", "work", "incompat", "volatile")));

        // overlayfs refuses a mount over a work dir a volatile mount has used, unless it is cleared
        TestMounts.Mount(_snapshots.Prepare("c1", [lower], rootfs, disposable: true));
        try
        {
            Assert.Equal("run 1", File.ReadAllText(Path.Combine(rootfs, "written")));
        }
        finally
        {
            TestMounts.Unmount(rootfs);
        }

        TestMounts.Mount(_snapshots.Prepare("c1", [lower], rootfs));
        TestMounts.Unmount(rootfs);
    }

    private static List<string> Listing(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Select(path => $"{path} {(File.Exists(path) ? File.ReadAllText(path) : "")}")
            .Order()
            .ToList();
}
