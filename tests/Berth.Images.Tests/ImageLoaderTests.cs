using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Manifests;
using Berth.Images.Tests.Support;
using Berth.Images.Transfer;

namespace Berth.Images.Tests;

/// <summary>save and load: formats, digests checked, nothing stored by a failed load, shared layers stored once. Needs root (layers keep owners).</summary>
public sealed class ImageLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LayerStore _layers;
    private readonly LocalContentStore _content;

    public ImageLoaderTests()
    {
        _layers = new LayerStore(_dir.Combine("layers"));
        _content = new LocalContentStore(_dir.Combine("content"));
    }

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] BaseTar = new TarBuilder().Directory("bin").File("bin/sh", "#!sh", (UnixFileMode)0x1ED).Build();
    private static readonly byte[] TopTar = new TarBuilder().File("hello.txt", "hello").Whiteout("bin", "sh").Build();

    [Fact]
    public async Task An_oci_layout_with_gzip_and_zstd_layers_loads_with_its_name()
    {
        Requires.Root();
        var archive = ArchiveBuilder.OciLayout(
        [
            (TarBuilder.Gzip(BaseTar), MediaTypes.OciLayer + "+gzip", Digest.Compute(BaseTar)),
            (TarBuilder.Zstd(TopTar), MediaTypes.OciLayer + "+zstd", Digest.Compute(TopTar)),
        ], "example.com/app:1");

        var loaded = await LoadAsync(archive);

        var image = Assert.Single(loaded);
        Assert.Equal(["example.com/app:1"], image.RepoTags);
        Assert.Equal([Digest.Compute(BaseTar), Digest.Compute(TopTar)], image.Layers.Select(l => l.DiffId));
        Assert.Equal(ChainId.ForStack([Digest.Compute(BaseTar), Digest.Compute(TopTar)])[^1], image.Layers[^1].ChainId);
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(_layers.DiffDir(image.Layers[1].ChainId), "hello.txt"), Ct));

        // The uncompressed tars are kept by DiffID, so a save gives them back byte for byte.
        Assert.Equal(TopTar, await _content.ReadAllAsync(Digest.Compute(TopTar), Ct));
    }

    [Fact]
    public async Task A_gzip_or_zstd_compressed_archive_loads()
    {
        Requires.Root();
        var archive = ArchiveBuilder.Legacy([BaseTar, TopTar], "packed:1");
        Assert.Equal(["packed:1"], Assert.Single(await LoadAsync(TarBuilder.Gzip(archive))).RepoTags);
        Assert.Equal(["packed:1"], Assert.Single(await LoadAsync(TarBuilder.Zstd(archive))).RepoTags);
    }

    [Fact]
    public async Task A_legacy_docker_archive_loads()
    {
        Requires.Root();
        var loaded = await LoadAsync(ArchiveBuilder.Legacy([BaseTar, TopTar], "legacy:old"));
        Assert.Equal(["legacy:old"], Assert.Single(loaded).RepoTags);
        Assert.Equal(2, _layers.List().Count());
    }

    [Fact]
    public async Task What_berth_saves_loads_back_with_the_same_ids_into_another_store()
    {
        Requires.Root();
        var original = Assert.Single(await LoadAsync(ArchiveBuilder.Legacy([BaseTar, TopTar], "app:1")));
        using var saved = new MemoryStream();
        await new ImageArchiveWriter(_content).WriteAsync([new SavedImage(original.Id, original.Layers.Select(l => l.DiffId).ToList(), [ImageRef.Parse("app:1")], null)], saved, Ct);

        using var other = new TempDir();
        var otherContent = new LocalContentStore(other.Combine("content"));
        var otherLayers = new LayerStore(other.Combine("layers"));
        using var pending = await new ImageLoader(otherContent, otherLayers).ReadAsync(new MemoryStream(saved.ToArray()), null, Ct);
        var loaded = Assert.Single(await pending.CommitAsync(Ct));

        Assert.Equal(original.Id, loaded.Id);
        Assert.Equal(original.Layers.Select(l => l.ChainId), loaded.Layers.Select(l => l.ChainId));
        Assert.Equal(["app:1"], loaded.RepoTags);
    }

    [Fact]
    public async Task Layers_already_stored_are_not_read_or_stored_again()
    {
        Requires.Root();
        await LoadAsync(ArchiveBuilder.OciLayout([(BaseTar, MediaTypes.OciLayer, Digest.Compute(BaseTar))], "base:1"));
        var progress = new RecordingProgress();

        var loaded = await LoadAsync(ArchiveBuilder.OciLayout(
            [(BaseTar, MediaTypes.OciLayer, Digest.Compute(BaseTar)), (TopTar, MediaTypes.OciLayer, Digest.Compute(TopTar))], "top:1"), progress);

        Assert.Equal(2, Assert.Single(loaded).Layers.Count);
        Assert.Equal(2, _layers.List().Count());
        Assert.Equal([Digest.Compute(TopTar).Short], progress.Ids.Distinct());
    }

    [Fact]
    public async Task A_docker_archive_naming_a_compressed_blob_the_store_holds_loads_from_the_stored_blob()
    {
        Requires.Root();
        var gzip = TarBuilder.Gzip(BaseTar);
        await _content.WriteAsync(gzip, Ct);
        var config = ArchiveBuilder.Config([Digest.Compute(BaseTar)]);
        var manifest = System.Text.Encoding.UTF8.GetBytes(
            $"[{{\"Config\":\"{ArchiveBuilder.Blob(config)}\",\"RepoTags\":[\"gz:1\"],\"Layers\":[\"{ArchiveBuilder.Blob(gzip)}\"]}}]");

        var loaded = await LoadAsync(ArchiveBuilder.Tar([(ArchiveBuilder.Blob(gzip), gzip), (ArchiveBuilder.Blob(config), config), ("manifest.json", manifest)]));

        Assert.Equal(Digest.Compute(BaseTar), Assert.Single(Assert.Single(loaded).Layers).DiffId);
        Assert.Equal(BaseTar, await _content.ReadAllAsync(Digest.Compute(BaseTar), Ct));
    }

    [Fact]
    public async Task A_layer_that_does_not_match_its_diffid_is_refused_and_nothing_is_stored()
    {
        Requires.Root();
        var archive = ArchiveBuilder.OciLayout([(TarBuilder.Gzip(TopTar), MediaTypes.OciLayer + "+gzip", Digest.Compute(BaseTar))], "bad:1");

        var error = await Assert.ThrowsAsync<BerthException>(() => LoadAsync(archive));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("invalid diffID", error.Message, StringComparison.Ordinal);
        AssertStoreEmpty();
    }

    [Fact]
    public async Task A_blob_that_does_not_match_its_descriptor_is_refused()
    {
        Requires.Root();
        var archive = ArchiveBuilder.OciLayout([(BaseTar, MediaTypes.OciLayer, Digest.Compute(BaseTar))], "bad:1");
        var text = System.Text.Encoding.Latin1.GetString(archive);
        var tampered = System.Text.Encoding.Latin1.GetBytes(text.Replace("#!sh", "#!xx", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BerthException>(() => LoadAsync(tampered));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        AssertStoreEmpty();
    }

    [Fact]
    public async Task A_truncated_archive_is_an_unexpected_eof_and_stores_nothing()
    {
        Requires.Root();
        var archive = ArchiveBuilder.Legacy([BaseTar, TopTar], "cut:1");
        foreach (var length in new[] { 700, archive.Length / 2, archive.Length - 1100 })
        {
            var error = await Assert.ThrowsAsync<BerthException>(() => LoadAsync(archive[..length]));
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            AssertStoreEmpty();
        }
    }

    [Fact]
    public async Task An_archive_without_a_manifest_or_index_is_refused()
    {
        var error = await Assert.ThrowsAsync<BerthException>(() => LoadAsync(ArchiveBuilder.Tar([("hello.txt", "hi"u8.ToArray())])));
        Assert.Contains("does not contain a manifest.json or an index.json", error.Message, StringComparison.Ordinal);
    }

    private void AssertStoreEmpty()
    {
        Assert.Empty(_layers.List());
        Assert.Empty(_content.List());
    }

    private async Task<IReadOnlyList<LoadedImage>> LoadAsync(byte[] archive, ILoadProgress? progress = null)
    {
        using var pending = await new ImageLoader(_content, _layers).ReadAsync(new NonSeekableStream(archive), progress, Ct);
        return await pending.CommitAsync(Ct);
    }

    private sealed class RecordingProgress : ILoadProgress
    {
        public List<string> Ids { get; } = [];

        public void LayerRead(string id, long current, long total) => Ids.Add(id);
    }
}
