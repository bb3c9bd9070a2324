using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

/// <summary>Applying layers: entry types, attributes, whiteouts, identities and reuse. Needs root (mknod, chown, trusted xattrs).</summary>
public sealed class LayerStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LayerStore _layers;
    private readonly LocalContentStore _content;

    public LayerStoreTests()
    {
        _layers = new LayerStore(_dir.Combine("layers"));
        _content = new LocalContentStore(_dir.Combine("content"));
    }

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unpacks_files_with_their_content_mode_owner_and_time()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .Directory("usr", uid: 3, gid: 4)
            .File("usr/hello.txt", "hello", (UnixFileMode)0x1A4, uid: 1234, gid: 5678)
            .File("usr/su", "#!", (UnixFileMode)0xDED, uid: 0, gid: 0) // 06755: setuid and setgid survive the chown
            .Directory("tmp", (UnixFileMode)0x3FF) // 01777
            .Build();

        var layer = await Apply(tar);

        var diff = _layers.DiffDir(layer.ChainId);
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(diff, "usr/hello.txt"), Ct));
        var hello = Status(diff, "usr/hello.txt");
        Assert.Equal((FileSystemNodeType.RegularFile, (UnixFileMode)0x1A4, 1234u, 5678u), (hello.Type, hello.Mode, hello.Uid, hello.Gid));
        Assert.Equal(TarBuilder.Time, hello.ModificationTime);
        Assert.Equal((UnixFileMode)0xDED, Status(diff, "usr/su").Mode);
        Assert.Equal((UnixFileMode)0x3FF, Status(diff, "tmp").Mode);
        Assert.Equal((3u, 4u), (Status(diff, "usr").Uid, Status(diff, "usr").Gid));
    }

    [Fact]
    public async Task Directory_times_are_set_after_their_children_and_an_existing_directory_keeps_them()
    {
        Requires.Root();
        var early = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var tar = new TarBuilder()
            .Directory("etc", time: early)
            .File("etc/a", "a")
            .Directory("etc", (UnixFileMode)0x1C0, time: early) // again: attributes change, children stay
            .File("etc/b", "b")
            .File("implied/parent/file", "x")
            .Build();

        var diff = _layers.DiffDir((await Apply(tar)).ChainId);

        Assert.Equal(early, Status(diff, "etc").ModificationTime);
        Assert.Equal((UnixFileMode)0x1C0, Status(diff, "etc").Mode);
        Assert.True(File.Exists(Path.Combine(diff, "etc/a")));
        Assert.Equal((FileSystemNodeType.Directory, (UnixFileMode)0x1ED), (Status(diff, "implied/parent").Type, Status(diff, "implied/parent").Mode));
    }

    [Fact]
    public async Task Unpacks_symlinks_hard_links_devices_and_fifos()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .File("bin/busybox", "ELF", (UnixFileMode)0x1ED)
            .Symlink("bin/sh", "busybox", uid: 7, gid: 8)
            .Symlink("abs", "/etc/passwd")
            .HardLink("bin/ls", "bin/busybox")
            .HardLink("bin/cat", "/bin/busybox") // absolute link names are inside the layer too, as Docker reads them
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Device("dev/sda", TarEntryType.BlockDevice, 8, 0, (UnixFileMode)0x1B0)
            .Device("run/fifo", TarEntryType.Fifo, 0, 0, (UnixFileMode)0x180)
            .Build();

        var diff = _layers.DiffDir((await Apply(tar)).ChainId);

        Assert.Equal("busybox", new FileInfo(Path.Combine(diff, "bin/sh")).LinkTarget);
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(diff, "abs")).LinkTarget);
        var sh = Status(diff, "bin/sh");
        Assert.Equal((7u, 8u, TarBuilder.Time), (sh.Uid, sh.Gid, sh.ModificationTime));
        var busybox = Status(diff, "bin/busybox");
        Assert.Equal(3u, busybox.LinkCount);
        Assert.Equal(busybox.Inode, Status(diff, "bin/ls").Inode);
        var null_ = Status(diff, "dev/null");
        Assert.Equal((FileSystemNodeType.CharacterDevice, 1u, 3u, (UnixFileMode)0x1B6), (null_.Type, null_.RdevMajor, null_.RdevMinor, null_.Mode));
        var sda = Status(diff, "dev/sda");
        Assert.Equal((FileSystemNodeType.BlockDevice, 8u, 0u, (UnixFileMode)0x1B0), (sda.Type, sda.RdevMajor, sda.RdevMinor, sda.Mode));
        Assert.Equal((FileSystemNodeType.Fifo, (UnixFileMode)0x180), (Status(diff, "run/fifo").Type, Status(diff, "run/fifo").Mode));
    }

    [Fact]
    public async Task Applies_pax_xattrs_but_never_overlay_ones_from_archive_data()
    {
        Requires.Root();
        // cap_net_raw=ep, as `setcap` stores it
        var capability = Encoding.Latin1.GetString([0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var tar = new TarBuilder()
            .File("bin/ping", "ELF", (UnixFileMode)0x1ED, pax: new()
            {
                ["SCHILY.xattr.user.note"] = "pinged",
                ["SCHILY.xattr.security.capability"] = capability,
                ["SCHILY.xattr.trusted.overlay.redirect"] = "/elsewhere",
            })
            .Build();

        var diff = _layers.DiffDir((await Apply(tar)).ChainId);

        var ping = Path.Combine(diff, "bin/ping");
        Assert.Equal("pinged"u8.ToArray(), FileSystemMetadata.GetXattr(ping, "user.note"));
        Assert.Equal(Encoding.Latin1.GetBytes(capability), FileSystemMetadata.GetXattr(ping, "security.capability"));
        Assert.Null(FileSystemMetadata.GetXattr(ping, "trusted.overlay.redirect"));
    }

    [Fact]
    public async Task Turns_whiteouts_into_overlay_whiteouts_and_opaque_markers_into_an_xattr()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .Directory("etc")
            .Whiteout("etc", "gone", uid: 12, gid: 34)
            .Directory("opaque-before")
            .Opaque("opaque-before")
            .File("opaque-before/kept", "k")
            .File("opaque-after/kept", "k")
            .Opaque("opaque-after")
            .File("same/file", "mine")
            .Whiteout("same", "file") // hides only lower layers: this layer's file stays
            .File(".wh..wh.plnk/123", "aufs bookkeeping")
            .Build();

        var diff = _layers.DiffDir((await Apply(tar)).ChainId);

        var gone = Status(diff, "etc/gone");
        Assert.Equal((FileSystemNodeType.CharacterDevice, 0u, 0u, 12u, 34u), (gone.Type, gone.RdevMajor, gone.RdevMinor, gone.Uid, gone.Gid));
        Assert.False(File.Exists(Path.Combine(diff, "etc/.wh.gone")));
        Assert.Equal("y"u8.ToArray(), FileSystemMetadata.GetXattr(Path.Combine(diff, "opaque-before"), "trusted.overlay.opaque"));
        Assert.Equal("y"u8.ToArray(), FileSystemMetadata.GetXattr(Path.Combine(diff, "opaque-after"), "trusted.overlay.opaque"));
        Assert.True(File.Exists(Path.Combine(diff, "opaque-before/kept")));
        Assert.False(File.Exists(Path.Combine(diff, "opaque-after/.wh..wh..opq")));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(diff, "same/file"), Ct));
        Assert.False(Directory.Exists(Path.Combine(diff, ".wh..wh.plnk")));
        Assert.Null(FileSystemMetadata.GetXattr(Path.Combine(diff, "etc"), "trusted.overlay.opaque"));
    }

    [Fact]
    public async Task A_directory_replacing_a_whiteout_hides_the_lower_directory()
    {
        Requires.Root();
        var tar = new TarBuilder().Whiteout("", "data").Directory("data").File("data/new", "n").Build();

        var diff = _layers.DiffDir((await Apply(tar)).ChainId);

        Assert.Equal("y"u8.ToArray(), FileSystemMetadata.GetXattr(Path.Combine(diff, "data"), "trusted.overlay.opaque"));
    }

    [Fact]
    public async Task A_later_entry_replaces_an_earlier_one()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .Directory("x").File("x/inner", "12345")
            .File("x", "now a file")
            .File("y", "first")
            .Symlink("y", "target")
            .Build();

        var layer = await Apply(tar);

        var diff = _layers.DiffDir(layer.ChainId);
        Assert.Equal("now a file", await File.ReadAllTextAsync(Path.Combine(diff, "x"), Ct));
        Assert.Equal("target", new FileInfo(Path.Combine(diff, "y")).LinkTarget);
        Assert.Equal("now a file".Length + "target".Length, layer.Size);
    }

    [Fact]
    public async Task Size_counts_files_and_symlinks_and_hard_linked_files_once()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .File("a", new byte[1000])
            .File("b", new byte[24])
            .HardLink("c", "a")
            .Symlink("d", "abc")
            .Directory("e")
            .Build();

        var layer = await Apply(tar);

        Assert.Equal(1027, layer.Size);
        Assert.Equal(1027, _layers.SizeOf(layer.ChainId));
        Assert.Equal(FileSystemTree.ApparentSize(_layers.DiffDir(layer.ChainId)), layer.Size);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task The_DiffID_is_the_sha256_of_the_uncompressed_tar_whatever_the_compression(string compression)
    {
        Requires.Root();
        var tar = new TarBuilder().File("f", "content").Build();
        var bytes = compression switch
        {
            "gzip" => TarBuilder.Gzip(tar),
            "zstd" => TarBuilder.Zstd(tar),
            _ => tar,
        };

        var layer = await Apply(bytes, keep: _content);

        Assert.Equal(Digest.Compute(tar), layer.DiffId);
        Assert.Equal(layer.DiffId, layer.ChainId);
        Assert.Equal(tar, await _content.ReadAllAsync(layer.DiffId, Ct));
    }

    [Fact]
    public async Task A_layer_above_another_is_keyed_by_its_ChainID()
    {
        Requires.Root();
        var baseLayer = await Apply(new TarBuilder().File("base", "b").Build());
        var top = new TarBuilder().File("top", "t").Build();

        var layer = await Apply(top, parent: baseLayer.ChainId);

        Assert.Equal(Digest.Compute(top), layer.DiffId);
        Assert.Equal(ChainId.Next(baseLayer.ChainId, layer.DiffId), layer.ChainId);
        Assert.Equal(ChainId.ForStack([baseLayer.DiffId, layer.DiffId])[1], layer.ChainId);
        Assert.Equal(baseLayer.ChainId.ToString(), await File.ReadAllTextAsync(_dir.Combine("layers", layer.ChainId.Hex, "parent"), Ct));
        Assert.False(File.Exists(Path.Combine(_layers.DiffDir(layer.ChainId), "base")));
    }

    [Fact]
    public async Task The_same_layer_is_stored_once_and_images_sharing_a_base_reuse_it()
    {
        Requires.Root();
        var baseTar = new TarBuilder().File("os-release", "berth").Build();
        var first = await Apply(baseTar);
        var firstTop = await Apply(new TarBuilder().File("app", "1").Build(), first.ChainId);

        var again = await Apply(baseTar);
        var secondTop = await Apply(new TarBuilder().File("app", "2").Build(), again.ChainId);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Apply(baseTar))));

        Assert.Equal(first, again);
        Assert.All(concurrent, layer => Assert.Equal(first, layer));
        Assert.Equal(
            new[] { first.ChainId, firstTop.ChainId, secondTop.ChainId }.OrderBy(d => d.Hex),
            _layers.List().OrderBy(d => d.Hex));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("layers", ".tmp")));
    }

    [Fact]
    public async Task A_known_layer_whose_tar_is_kept_is_not_read_again()
    {
        Requires.Root();
        var tar = new TarBuilder().File("f", "x").Build();
        var layer = await Apply(tar, keep: _content);
        var stream = new NonSeekableStream(tar, forbidReads: true);

        var again = await _layers.ApplyAsync(stream, null, layer.DiffId, _content, Ct);

        Assert.Equal(layer, again);
        Assert.False(stream.WasRead);
    }

    [Fact]
    public async Task A_pax_xattr_value_that_is_not_UTF8_is_skipped_rather_than_corrupted()
    {
        Requires.Root();
        // TarReader decodes PAX values as UTF-8, so the byte 0x80 (cap_setuid in a capability set) cannot survive it.
        var tar = new TarBuilder().File("f", "x", pax: new() { ["SCHILY.xattr.user.bin"] = "A", ["SCHILY.xattr.user.text"] = "ok" }).Build();
        var value = tar.AsSpan().IndexOf("user.bin=A"u8) + "user.bin=".Length;
        tar[value] = 0x80;

        var layer = await Apply(tar);

        var file = Path.Combine(_layers.DiffDir(layer.ChainId), "f");
        Assert.Null(FileSystemMetadata.GetXattr(file, "user.bin"));
        Assert.Equal("ok"u8.ToArray(), FileSystemMetadata.GetXattr(file, "user.text"));
        Assert.Equal(Digest.Compute(tar), layer.DiffId);
    }

    [Fact]
    public async Task A_cancelled_apply_stores_nothing()
    {
        Requires.Root();
        var tar = new TarBuilder().File("a", new byte[1 << 20]).File("b", new byte[1 << 20]).Build();
        using var cancel = new CancellationTokenSource();
        var stream = new CancellingStream(tar, cancel, afterBytes: 300_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _layers.ApplyAsync(stream, null, null, _content, cancel.Token));

        Assert.Empty(_layers.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("layers", ".tmp")));
        Assert.Empty(_content.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("content", "ingest")));
    }

    [Fact]
    public async Task Get_describes_a_stored_layer()
    {
        Requires.Root();
        var layer = await Apply(new TarBuilder().File("f", "1234").Build());

        Assert.Equal(layer, _layers.Get(layer.ChainId));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _layers.Get(Digest.Compute("nope"u8))).Kind);
    }

    [Fact]
    public async Task An_unknown_parent_is_not_found()
    {
        var error = await Assert.ThrowsAsync<BerthException>(() => Apply(new TarBuilder().Build(), parent: Digest.Compute("nope"u8)));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Delete_removes_devices_and_read_only_directories_and_can_be_repeated()
    {
        Requires.Root();
        var tar = new TarBuilder()
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3, 0)
            .Whiteout("", "gone")
            .File("ro/file", "x", 0)
            .Directory("ro", 0)
            .Build();
        var layer = await Apply(tar);

        _layers.Delete(layer.ChainId);
        _layers.Delete(layer.ChainId);

        Assert.False(_layers.Exists(layer.ChainId));
        Assert.Empty(_layers.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("layers", ".tmp")));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _layers.DiffDir(layer.ChainId)).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _layers.SizeOf(layer.ChainId)).Kind);
    }

    [Fact]
    public void DeleteIncomplete_clears_what_a_crash_left_behind()
    {
        Directory.CreateDirectory(_dir.Combine("layers", ".tmp", "half", "diff", "usr"));

        _layers.DeleteIncomplete();

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("layers", ".tmp")));
    }

    private Task<LayerInfo> Apply(byte[] tar, Digest? parent = null, LocalContentStore? keep = null) =>
        _layers.ApplyAsync(new NonSeekableStream(tar), parent, expectedDiffId: null, keep, Ct);

    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cancel, int afterBytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= afterBytes)
            {
                cancel.Cancel();
            }

            return base.Read(buffer, offset, Math.Min(count, 64 * 1024));
        }
    }

    private static FileSystemStatus Status(string diff, string path) =>
        FileSystemNodes.TryGetStatus(Path.Combine(diff, path), out var status) ? status : throw new FileNotFoundException(path);
}
