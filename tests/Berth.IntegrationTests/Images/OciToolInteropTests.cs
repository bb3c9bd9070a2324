using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>
/// Archives crossing to and from the OCI tools: skopeo and umoci read what Berth saves as an OCI layout, and what
/// skopeo writes (gzip or zstd layers, "name:tag" in ref.name) loads into Berth. No Docker engine runs here, so
/// Docker itself is not part of this; the tools stand in for "real tools".
/// </summary>
public sealed class OciToolInteropTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private const string Skopeo = "/usr/bin/skopeo";
    private const string Umoci = "/usr/bin/umoci";

    [Fact]
    public async Task Skopeo_and_umoci_read_what_berth_saves()
    {
        RequireTools();
        var name = Name("oci");
        var tag = "it-oci-out:" + Guid.NewGuid().ToString("N")[..6];
        var work = Directory.CreateTempSubdirectory("berth-it-oci-").FullName;
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo from-berth > /marker")).Ok();
            var id = (await DockerAsync("commit", name, tag)).Ok().Stdout.Trim();
            var archive = Path.Combine(work, "saved.tar");
            (await DockerAsync("save", "-o", archive, tag)).Ok();

            var inspect = (await Tool(Skopeo, "inspect", "--config", "oci-archive:" + archive)).Ok().Stdout;
            Assert.Contains("\"diff_ids\"", inspect);
            Assert.Equal(id, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                (await Tool(Skopeo, "inspect", "--raw", "--config", "oci-archive:" + archive)).Ok().Stdout.Select(c => (byte)c).ToArray())));

            (await Tool(Skopeo, "copy", "oci-archive:" + archive, $"oci:{work}/layout:img")).Ok();
            (await Tool(Umoci, "unpack", "--image", $"{work}/layout:img", $"{work}/bundle")).Ok();
            Assert.Equal("from-berth\n", await File.ReadAllTextAsync(Path.Combine(work, "bundle", "rootfs", "marker"), TestContext.Current.CancellationToken));
            Assert.True(File.Exists(Path.Combine(work, "bundle", "rootfs", "bin", "busybox")));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
            Directory.Delete(work, recursive: true);
        }
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task What_skopeo_writes_with_compressed_layers_loads_and_runs(string compression)
    {
        RequireTools();
        var source = "it-oci-src:" + Guid.NewGuid().ToString("N")[..6];
        var loaded = $"skopeo/it-{compression}:{Guid.NewGuid().ToString("N")[..6]}";
        var work = Directory.CreateTempSubdirectory("berth-it-oci-").FullName;
        try
        {
            (await DockerAsync("tag", "busybox", source)).Ok();
            (await DockerAsync("save", "-o", Path.Combine(work, "saved.tar"), source)).Ok();
            (await Tool(Skopeo, "copy", "--dest-compress", "--dest-compress-format", compression,
                $"oci-archive:{work}/saved.tar", $"oci-archive:{work}/skopeo.tar:{loaded}")).Ok();

            Assert.Equal($"Loaded image: {loaded}\n", (await DockerAsync("load", "-i", Path.Combine(work, "skopeo.tar"))).Ok().Stdout);
            Assert.Equal(compression + "\n", (await DockerAsync("run", "--rm", loaded, "echo", compression)).Ok().Stdout);

            // The layer is busybox's: the same DiffID, stored once.
            Assert.Equal(
                (await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", "busybox")).Ok().Stdout,
                (await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", loaded)).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rmi", source, loaded);
            Directory.Delete(work, recursive: true);
        }
    }

    private static void RequireTools()
    {
        if (!File.Exists(Skopeo) || !File.Exists(Umoci))
        {
            Assert.Skip("skopeo and umoci are not installed (apt-get install skopeo umoci)");
        }
    }

    private static Task<CommandResult> Tool(string program, params string[] args) =>
        new Cli(program, new Dictionary<string, string>()).RunAsync(args);
}
