using System.Formats.Tar;
using System.Text;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;
using Berth.Images.Transfer;

namespace Berth.Images.Tests;

/// <summary>save's archive: Docker 25+'s layout, shared layers written once, the same bytes every time.</summary>
public sealed class ImageArchiveWriterTests : IDisposable
{
    private static readonly byte[] BaseTar = new TarBuilder().File("base", "base").Build();
    private static readonly byte[] TopTar = new TarBuilder().File("top", "top").Build();

    private readonly TempDir _dir = new();
    private readonly LocalContentStore _content;

    public ImageArchiveWriterTests() => _content = new LocalContentStore(_dir.Combine("content"));

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_images_sharing_a_layer_write_it_once_and_the_archive_is_reproducible()
    {
        var baseId = await StoreImageAsync(BaseTar);
        var topId = await StoreImageAsync(BaseTar, TopTar);
        var images = new List<SavedImage>
        {
            new(baseId, [Digest.Compute(BaseTar)], [ImageRef.Parse("base:1")], null),
            new(topId, [Digest.Compute(BaseTar), Digest.Compute(TopTar)], [ImageRef.Parse("example.com/top:2")], baseId),
        };

        var first = await WriteAsync(images);
        var second = await WriteAsync(images);

        Assert.Equal(first, second);
        var entries = await EntriesAsync(first);
        Assert.Single(entries, e => e.Name == "blobs/sha256/" + Digest.Compute(BaseTar).Hex);
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime));
        Assert.Equal(["blobs/", "blobs/sha256/"], entries.Take(2).Select(e => e.Name));
        Assert.Equal(["index.json", "manifest.json", "oci-layout", "repositories"], entries.Skip(entries.Count - 4).Select(e => e.Name));

        var manifest = Text(entries, "manifest.json");
        Assert.Contains($"\"RepoTags\":[\"example.com/top:2\"]", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"Parent\":\"{baseId}\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"io.containerd.image.name\":\"docker.io/library/base:1\",\"org.opencontainers.image.ref.name\":\"1\"", Text(entries, "index.json"), StringComparison.Ordinal);
        Assert.Equal("""{"imageLayoutVersion": "1.0.0"}""", Text(entries, "oci-layout"));
    }

    [Fact]
    public async Task An_untagged_image_has_null_repo_tags_and_no_repositories_file()
    {
        var id = await StoreImageAsync(BaseTar);
        var entries = await EntriesAsync(await WriteAsync([new SavedImage(id, [Digest.Compute(BaseTar)], [], null)]));
        Assert.Contains("\"RepoTags\":null", Text(entries, "manifest.json"), StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Name == "repositories");
    }

    private async Task<Digest> StoreImageAsync(params byte[][] layers)
    {
        foreach (var layer in layers)
        {
            await _content.WriteAsync(layer, Ct);
        }

        return await _content.WriteAsync(ArchiveBuilder.Config(layers.Select(l => Digest.Compute(l))), Ct);
    }

    private async Task<byte[]> WriteAsync(IReadOnlyList<SavedImage> images)
    {
        using var output = new MemoryStream();
        await new ImageArchiveWriter(_content).WriteAsync(images, output, Ct);
        return output.ToArray();
    }

    private static async Task<List<(string Name, DateTimeOffset ModificationTime, byte[] Data)>> EntriesAsync(byte[] archive)
    {
        var entries = new List<(string, DateTimeOffset, byte[])>();
        await using var reader = new TarReader(new MemoryStream(archive));
        while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
        {
            using var data = new MemoryStream();
            if (entry.DataStream is { } stream)
            {
                await stream.CopyToAsync(data, Ct);
            }

            entries.Add((entry.Name, entry.ModificationTime, data.ToArray()));
        }

        return entries;
    }

    private static string Text(List<(string Name, DateTimeOffset ModificationTime, byte[] Data)> entries, string name) =>
        Encoding.UTF8.GetString(entries.Single(e => e.Name == name).Data);
}
