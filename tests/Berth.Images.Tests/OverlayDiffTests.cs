using System.Formats.Tar;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

/// <summary>A container's upper dir as a layer (commit): whiteouts and opaque dirs in their OCI form, one pass. Needs root (mknod, trusted xattrs).</summary>
public sealed class OverlayDiffTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LayerStore _layers;
    private readonly LocalContentStore _content;

    public OverlayDiffTests()
    {
        _layers = new LayerStore(_dir.Combine("layers"));
        _content = new LocalContentStore(_dir.Combine("content"));
    }

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void An_upper_dir_that_is_missing_or_empty_is_an_empty_diff()
    {
        Assert.True(OverlayDiff.IsEmpty(_dir.Combine("nosuch")));
        Directory.CreateDirectory(_dir.Combine("upper"));
        Assert.True(OverlayDiff.IsEmpty(_dir.Combine("upper")));
        File.WriteAllText(_dir.Combine("upper", "x"), "x");
        Assert.False(OverlayDiff.IsEmpty(_dir.Combine("upper")));
    }

    [Fact]
    public async Task Whiteouts_and_opaque_directories_become_wh_entries_and_the_tar_is_kept_by_its_diffid()
    {
        Requires.Root();
        var baseLayer = await _layers.ApplyAsync(new MemoryStream(new TarBuilder()
            .Directory("etc").File("etc/passwd", "root").Directory("var").File("var/old", "old").Build()), null, null, _content, Ct);
        var upper = _dir.Combine("upper");
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        Directory.CreateDirectory(Path.Combine(upper, "var"));
        await File.WriteAllTextAsync(Path.Combine(upper, "hello.txt"), "hello", Ct);
        await File.WriteAllTextAsync(Path.Combine(upper, "var", "new"), "new", Ct);
        using (var etc = FileSystemNodes.OpenDirectory(Path.Combine(upper, "etc")))
        {
            FileSystemNodes.CreateDevice(etc, "passwd", FileSystemNodeType.CharacterDevice, 0, 0, 0);
        }

        using (var root = FileSystemNodes.OpenDirectory(upper))
        {
            FileSystemMetadata.SetXattr(root, "var", Archive.Whiteout.OpaqueXattr, "y"u8);
        }

        var layer = await OverlayDiff.StoreAsync(upper, baseLayer.ChainId, _layers, _content, Ct);

        Assert.Equal(ChainId.Next(baseLayer.ChainId, layer.DiffId), layer.ChainId);
        var entries = await EntriesAsync(layer.DiffId);
        Assert.Equal(["etc/", "etc/.wh.passwd", "hello.txt", "var/", "var/.wh..wh..opq", "var/new"], entries.Select(e => e.Name));
        Assert.Equal((UnixFileMode)0x180, entries.Single(e => e.Name == "etc/.wh.passwd").Mode);

        // Unpacked again in overlay form: the whiteout is a 0/0 device, the opaque dir carries its xattr.
        var diff = _layers.DiffDir(layer.ChainId);
        Assert.True(FileSystemNodes.TryGetStatus(Path.Combine(diff, "etc", "passwd"), out var whiteout));
        Assert.Equal(FileSystemNodeType.CharacterDevice, whiteout.Type);
        Assert.Equal("y"u8.ToArray(), FileSystemMetadata.GetXattr(Path.Combine(diff, "var"), Archive.Whiteout.OpaqueXattr));
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(diff, "hello.txt"), Ct));
    }

    [Fact]
    public async Task The_runtimes_empty_mount_targets_are_no_change()
    {
        var upper = _dir.Combine("upper");
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        await File.WriteAllTextAsync(Path.Combine(upper, "etc", "hostname"), "", Ct);
        await File.WriteAllTextAsync(Path.Combine(upper, "etc", "resolv.conf"), "", Ct);
        Assert.True(OverlayDiff.IsEmpty(upper));

        await File.WriteAllTextAsync(Path.Combine(upper, "a"), "a", Ct);
        Assert.False(OverlayDiff.IsEmpty(upper));
        var layer = await OverlayDiff.StoreAsync(upper, null, _layers, _content, Ct);
        Assert.Equal(["a"], (await EntriesAsync(layer.DiffId)).Select(e => e.Name));

        // Beside other changes in etc/, etc/ stays; an empty target is still left out, a written file is not.
        await File.WriteAllTextAsync(Path.Combine(upper, "etc", "motd"), "hi", Ct);
        await File.WriteAllTextAsync(Path.Combine(upper, "etc", "hosts"), "127.0.0.1 x", Ct);
        layer = await OverlayDiff.StoreAsync(upper, null, _layers, _content, Ct);
        Assert.Equal(["a", "etc/", "etc/hosts", "etc/motd"], (await EntriesAsync(layer.DiffId)).Select(e => e.Name));
    }

    [Fact]
    public async Task The_same_changes_give_the_same_diffid()
    {
        var upper = _dir.Combine("upper");
        Directory.CreateDirectory(upper);
        await File.WriteAllTextAsync(Path.Combine(upper, "a"), "a", Ct);
        File.SetLastWriteTimeUtc(Path.Combine(upper, "a"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var first = await OverlayDiff.StoreAsync(upper, null, _layers, _content, Ct);
        var second = await OverlayDiff.StoreAsync(upper, null, _layers, _content, Ct);

        Assert.Equal(first, second);
        Assert.True(_content.Exists(first.DiffId));
    }

    private async Task<List<TarEntry>> EntriesAsync(Digest blob)
    {
        await using var stream = _content.OpenRead(blob);
        await using var reader = new TarReader(stream);
        var entries = new List<TarEntry>();
        while (await reader.GetNextEntryAsync(copyData: false, Ct) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
