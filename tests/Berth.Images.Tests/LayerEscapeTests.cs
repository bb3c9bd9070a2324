using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

/// <summary>
/// Docker's tar-breakout CVEs as layer tars. Each must be refused, leave the filesystem outside the store as it was,
/// and leave no layer or staging directory behind. Needs root, as the daemon runs, so a breakout would really land.
/// </summary>
public sealed class LayerEscapeTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LayerStore _layers;
    private readonly LocalContentStore _content;
    private readonly string _outside;

    public LayerEscapeTests()
    {
        _layers = new LayerStore(_dir.Combine("store", "layers"));
        _content = new LocalContentStore(_dir.Combine("store", "content"));
        _outside = _dir.Combine("outside");
        Directory.CreateDirectory(Path.Combine(_outside, "sub"));
        File.WriteAllText(Path.Combine(_outside, "victim"), "untouched");
        File.WriteAllText(Path.Combine(_outside, "sub", "victim"), "untouched");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The attacks, by name. Relative names climb from the staging directory a layer is unpacked in
    /// (store/layers/.tmp/ID/diff) to the directory outside the store, so a breakout would land there.
    /// </summary>
    public static TheoryData<string> Attacks =>
    [
        "dot-dot file",
        "absolute dot-dot file",
        "inner dot-dot file",
        "dot-dot directory",
        "write through a symlink to an absolute path",
        "write two levels through a symlink",
        "write through a symlink to /etc",
        "write through a relative symlink",
        "directory through a symlink",
        "symlink through a symlink",
        "hard link through a symlink",
        "whiteout through a symlink",
        "opaque marker through a symlink",
        "device through a symlink",
        "hard link to /etc/passwd",
        "hard link to dot-dot",
        "hard link to an absolute path outside",
        "hard link to the layer root",
        "hard link two levels through a symlink",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Refuses_and_leaves_everything_as_it_was(string attack)
    {
        Requires.Root();
        var outsideBefore = Snapshot(_outside);
        var passwd = Stat("/etc/passwd");
        var etcBefore = Directory.GetFileSystemEntries("/etc").Order().ToList();
        var tar = Build(attack, _outside);

        var error = await Assert.ThrowsAsync<BerthException>(() =>
            _layers.ApplyAsync(new NonSeekableStream(tar), null, null, _content, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(outsideBefore, Snapshot(_outside));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path, "pwned", SearchOption.AllDirectories));
        Assert.Null(FileSystemMetadata.GetXattr(_outside, "trusted.overlay.opaque"));
        Assert.Equal(passwd, Stat("/etc/passwd"));
        Assert.Equal(etcBefore, Directory.GetFileSystemEntries("/etc").Order().ToList());
        Assert.Null(FileSystemMetadata.GetXattr("/etc", "trusted.overlay.opaque"));
        Assert.Empty(_layers.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("store", "layers", ".tmp")));
        Assert.Empty(_content.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("store", "content", "ingest")));
    }

    [Fact]
    public async Task Symlinks_pointing_outside_are_kept_as_data_and_never_followed()
    {
        Requires.Root();
        var outsideBefore = Snapshot(_outside);
        var tar = new TarBuilder().Symlink("escape", _outside).Symlink("up", "../../../../..").Build();

        var layer = await _layers.ApplyAsync(new NonSeekableStream(tar), null, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(_outside, new FileInfo(Path.Combine(_layers.DiffDir(layer.ChainId), "escape")).LinkTarget);
        Assert.Equal(outsideBefore, Snapshot(_outside));
    }

    [Fact]
    public async Task A_digest_mismatch_stores_nothing()
    {
        Requires.Root();
        var tar = new TarBuilder().File("f", "x").Build();

        var error = await Assert.ThrowsAsync<BerthException>(() =>
            _layers.ApplyAsync(new NonSeekableStream(tar), null, Digest.Compute("other"u8), _content, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("digest mismatch", error.Message, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("cut inside a file", "unexpected EOF")]
    [InlineData("cut between entries", "unexpected EOF")]
    [InlineData("cut inside a header", "unexpected EOF")]
    [InlineData("gzip cut in half", "unexpected EOF")]
    [InlineData("zstd cut in half", "unexpected EOF")]
    [InlineData("gzip garbage", "invalid layer archive")]
    [InlineData("not a tar", "invalid layer archive")]
    [InlineData("empty", "unexpected EOF")]
    public async Task A_truncated_or_corrupt_archive_stores_nothing(string damage, string message)
    {
        Requires.Root();
        var tar = new TarBuilder().File("a", new byte[5000]).File("b", new byte[100]).Build();
        var bytes = damage switch
        {
            "cut inside a file" => tar[..3000],
            "cut between entries" => tar[..^1024],
            "cut inside a header" => tar[..(tar.Length - 1024 - 612 - 200)],
            "gzip cut in half" => TarBuilder.Gzip(tar)[..(TarBuilder.Gzip(tar).Length / 2)],
            "zstd cut in half" => TarBuilder.Zstd(tar)[..(TarBuilder.Zstd(tar).Length / 2)],
            "gzip garbage" => [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            "not a tar" => new byte[2048].Select((_, i) => (byte)(i % 251 + 1)).ToArray(),
            _ => [],
        };

        var error = await Assert.ThrowsAsync<BerthException>(() =>
            _layers.ApplyAsync(new NonSeekableStream(bytes), null, null, _content, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Fact]
    public async Task Unsupported_entries_and_compressions_are_refused()
    {
        Requires.Root();
        var sparse = new TarBuilder().File("s", "data", pax: new() { ["GNU.sparse.major"] = "1", ["GNU.sparse.minor"] = "0" }).Build();
        var xz = new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0, 0, 0, 0, 0, 0 };
        var badWhiteout = new TarBuilder().File(".wh..", "").Build();

        foreach (var (bytes, message) in new[] { (sparse, "sparse files"), (xz, "unsupported layer compression: xz"), (badWhiteout, "invalid whiteout") })
        {
            var error = await Assert.ThrowsAsync<BerthException>(() =>
                _layers.ApplyAsync(new NonSeekableStream(bytes), null, null, _content, TestContext.Current.CancellationToken));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        AssertNothingStored();
    }

    private void AssertNothingStored()
    {
        Assert.Empty(_layers.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("store", "layers", ".tmp")));
        Assert.Empty(_content.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("store", "content", "ingest")));
    }

    private static byte[] Build(string attack, string outside) => (attack switch
    {
        "dot-dot file" => new TarBuilder().File("../../../../../outside/pwned", "x"),
        "absolute dot-dot file" => new TarBuilder().File("/../../outside/pwned", "x"),
        "inner dot-dot file" => new TarBuilder().File("ok", "x").File("a/../../../../../../outside/pwned", "x"),
        "dot-dot directory" => new TarBuilder().Directory("../../../../../outside/pwned/"),
        "write through a symlink to an absolute path" => new TarBuilder().Symlink("evil", outside).File("evil/pwned", "x"),
        "write two levels through a symlink" => new TarBuilder().Symlink("evil", outside).File("evil/sub/pwned", "x"),
        "write through a symlink to /etc" => new TarBuilder().Symlink("etc", "/etc").File("etc/passwd", "root::0:0::/:/bin/sh\n"),
        "write through a relative symlink" => new TarBuilder().Symlink("up", "../../../../../outside").File("up/pwned", "x"),
        "directory through a symlink" => new TarBuilder().Symlink("evil", outside).Directory("evil/pwned"),
        "symlink through a symlink" => new TarBuilder().Symlink("evil", outside).Symlink("evil/pwned", "/"),
        "hard link through a symlink" => new TarBuilder().File("f", "x").Symlink("evil", outside).HardLink("evil/pwned", "f"),
        "whiteout through a symlink" => new TarBuilder().Symlink("evil", outside).Whiteout("evil", "victim"),
        "opaque marker through a symlink" => new TarBuilder().Symlink("evil", outside).Opaque("evil"),
        "device through a symlink" => new TarBuilder().Symlink("evil", outside).Device("evil/pwned", TarEntryType.CharacterDevice, 1, 3),
        "hard link to /etc/passwd" => new TarBuilder().HardLink("passwd", "/etc/passwd"),
        "hard link to dot-dot" => new TarBuilder().HardLink("victim", "../../../../../outside/victim"),
        "hard link to an absolute path outside" => new TarBuilder().Symlink("evil", outside).HardLink("victim", "evil/victim"),
        "hard link to the layer root" => new TarBuilder().HardLink("root", "./"),
        "hard link two levels through a symlink" => new TarBuilder().Symlink("evil", outside).HardLink("victim", "evil/sub/victim"),
        _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
    }).Build();

    private static List<string> Snapshot(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Select(path => Stat(path) is var status ? $"{path} {status.Type} {status.Size} {status.LinkCount} {status.ModificationTime:O}" : "")
            .Order()
            .ToList();

    private static FileSystemStatus Stat(string path) =>
        FileSystemNodes.TryGetStatus(path, out var status) ? status : throw new FileNotFoundException(path);
}
