using System.Text;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;

namespace Berth.Images.Tests;

/// <summary>`docker import` of a busybox root filesystem built from the host's /bin/busybox. Needs root (chown).</summary>
public sealed class ImageImporterTests : IDisposable
{
    private const string Busybox = "/bin/busybox";
    private static readonly string[] Applets = ["sh", "ls", "cat", "echo", "true"];

    private readonly TempDir _dir = new();
    private readonly LocalContentStore _content;
    private readonly LayerStore _layers;
    private readonly ImageImporter _importer;

    public ImageImporterTests()
    {
        _content = new LocalContentStore(_dir.Combine("content"));
        _layers = new LayerStore(_dir.Combine("layers"));
        _importer = new ImageImporter(_content, _layers);
    }

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imports_a_busybox_rootfs_as_a_one_layer_image_whose_id_is_the_config_digest()
    {
        Requires.Root();
        Assert.SkipUnless(File.Exists(Busybox), "needs " + Busybox);
        var tar = BusyboxRootfs();

        var image = await _importer.ImportAsync(new NonSeekableStream(TarBuilder.Gzip(tar)), new ImportOptions(["CMD [\"sh\"]", "ENV GREETING=hi"], Message: null), Ct);

        Assert.Equal(Digest.Compute(image.ConfigJson), image.ImageId);
        Assert.Equal(image.ConfigJson, await _content.ReadAllAsync(image.ImageId, Ct));
        Assert.Equal(Digest.Compute(tar), image.Layer.DiffId);
        Assert.Equal(image.Layer.DiffId, image.Layer.ChainId);
        Assert.Equal(tar, await _content.ReadAllAsync(image.Layer.DiffId, Ct));

        var config = ImageConfigJson.Parse(image.ConfigJson);
        Assert.Equal(("linux", "amd64", "Imported from -"), (config.Os, config.Architecture, config.Comment));
        Assert.Equal([image.Layer.DiffId], config.RootFs.DiffIds);
        Assert.Equal("layers", config.RootFs.Type);
        var history = Assert.Single(config.History!);
        Assert.Equal(("Imported from -", config.Created), (history.Comment, history.Created));
        Assert.True(DateTimeOffset.UtcNow - config.Created < TimeSpan.FromMinutes(1));
        Assert.Equal(["sh"], config.Config!.Cmd);
        Assert.Equal(["GREETING=hi"], config.Config.Env);

        var diff = _layers.DiffDir(image.Layer.ChainId);
        Assert.Equal(await File.ReadAllBytesAsync(Busybox, Ct), await File.ReadAllBytesAsync(Path.Combine(diff, "bin/busybox"), Ct));
        Assert.All(Applets, applet => Assert.Equal("busybox", new FileInfo(Path.Combine(diff, "bin", applet)).LinkTarget));
        Assert.Equal(new FileInfo(Busybox).Length + (Applets.Length * "busybox".Length), image.Layer.Size);
    }

    [Fact]
    public async Task The_message_becomes_the_comment()
    {
        Requires.Root();
        var image = await _importer.ImportAsync(new NonSeekableStream(new TarBuilder().File("f", "x").Build()), new ImportOptions([], "from CI", Architecture: "arm64"), Ct);

        Assert.Equal(("from CI", "from CI", "arm64"), (image.Config.Comment, image.Config.History![0].Comment, image.Config.Architecture));
        Assert.Contains("\"comment\":\"from CI\"", Encoding.UTF8.GetString(image.ConfigJson), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_change_fails_before_the_tar_is_read()
    {
        var tar = new NonSeekableStream([], forbidReads: true);

        var error = await Assert.ThrowsAsync<BerthException>(() => _importer.ImportAsync(tar, new ImportOptions(["RUN rm -rf /"], null), Ct));

        Assert.Equal("RUN is not a valid change command", error.Message);
        Assert.False(tar.WasRead);
        Assert.Empty(_layers.List());
    }

    private static byte[] BusyboxRootfs()
    {
        var tar = new TarBuilder().Directory("bin").Directory("etc").Directory("tmp", (UnixFileMode)0x3FF)
            .File("bin/busybox", File.ReadAllBytes(Busybox), (UnixFileMode)0x1ED);
        foreach (var applet in Applets)
        {
            tar.Symlink("bin/" + applet, "busybox");
        }

        return tar.Build();
    }
}
