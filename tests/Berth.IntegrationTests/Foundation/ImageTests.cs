using System.Formats.Tar;
using System.IO.Compression;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>import, images, inspect, tag, rmi with Docker's output and refusals.</summary>
public sealed class ImageTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Import_of_a_gzipped_tar_from_stdin_runs()
    {
        var tag = "it-gz:" + Guid.NewGuid().ToString("N")[..6];
        var gz = Path.Combine(Daemon.Root, "bb-" + Guid.NewGuid().ToString("N")[..6] + ".tar.gz");
        await using (var output = File.Create(gz))
        await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        await using (var input = File.OpenRead(RepoPaths.BusyboxTar))
        {
            await input.CopyToAsync(gzip);
        }

        var imported = (await DockerAsync("import", gz, tag)).Ok();
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", imported.Stdout);
        Assert.Equal("hi\n", (await DockerAsync("run", "--rm", tag, "echo", "hi")).Ok().Stdout);
        var images = (await DockerAsync("images")).Ok().Stdout;
        Assert.StartsWith("REPOSITORY   TAG", images);
        Assert.Contains("it-gz", images);
        var id = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", tag)).Ok().Stdout.Trim();
        Assert.Equal(imported.Stdout.Trim(), id);
        Assert.Equal("[sh]", (await DockerAsync("image", "inspect", "-f", "{{.Config.Cmd}}", "busybox")).Ok().Stdout.Trim());
        (await DockerAsync("rmi", tag)).Ok();
    }

    [Fact]
    public async Task Tag_and_rmi_follow_dockers_rules()
    {
        var tag = "it-tag:" + Guid.NewGuid().ToString("N")[..6];
        (await DockerAsync("tag", "busybox", tag)).Ok();
        var name = Name("user");
        (await DockerAsync("create", "--name", name, tag)).Ok();
        var untag = (await DockerAsync("rmi", tag)).Ok();
        Assert.Equal($"Untagged: {tag}\n", untag.Stdout);

        var other = "it-only:" + Guid.NewGuid().ToString("N")[..6];
        (await DockerAsync("import", "--change", "CMD [\"sh\"]", RepoPaths.BusyboxTar, other)).Ok();
        var user = Name("only");
        (await DockerAsync("create", "--name", user, other)).Ok();
        var refused = await DockerAsync("rmi", other);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("conflict: unable to remove repository reference", refused.Stderr);
        Assert.Contains("(must force) - container", refused.Stderr);
        (await DockerAsync("rm", user, name)).Ok();
        var removed = (await DockerAsync("rmi", other)).Ok().Stdout;
        Assert.Contains("Untagged: " + other, removed);
        Assert.Contains("Deleted: sha256:", removed);
    }

    [Fact]
    public async Task Images_of_a_repository_list_only_its_tags()
    {
        var repository = "it-repo-" + Guid.NewGuid().ToString("N")[..6];
        (await DockerAsync("tag", "busybox", repository + ":one")).Ok();
        (await DockerAsync("tag", "busybox", repository + "-other:two")).Ok();
        var listed = (await DockerAsync("images", "--format", "{{.Repository}}:{{.Tag}}", repository)).Ok().Stdout;
        Assert.Equal($"{repository}:one\n", listed);
        Assert.Equal($"{repository}-other:two\n", (await DockerAsync("images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", $"reference={repository}-*")).Ok().Stdout);
        (await DockerAsync("rmi", repository + ":one", repository + "-other:two")).Ok();
    }

    [Fact]
    public async Task An_unknown_image_is_a_404_with_dockers_message()
    {
        Assert.Contains("No such image: busybox-nosuch:none", (await DockerAsync("image", "inspect", "busybox-nosuch:none")).Stderr);
        var run = await DockerAsync("run", "--rm", "it-nosuch-image");
        Assert.Equal(125, run.ExitCode);
        Assert.Contains("Unable to find image 'it-nosuch-image:latest' locally", run.Stderr);
    }

    [Fact]
    public async Task A_tar_whose_entries_escape_is_refused_and_writes_nothing_outside()
    {
        var marker = "/tmp/berth-it-escape-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var (kind, build) in EscapingTars(marker))
        {
            var tar = Path.Combine(Daemon.Root, kind + ".tar");
            await using (var file = File.Create(tar))
            await using (var writer = new TarWriter(file))
            {
                build(writer);
            }

            var result = await DockerAsync("import", tar, "it-escape:" + kind);
            Assert.True(result.ExitCode != 0, kind + ": " + result.Output);
            Assert.False(File.Exists(marker), kind + " wrote outside the layer");
            Assert.NotEqual(0, (await DockerAsync("image", "inspect", "it-escape:" + kind)).ExitCode);
        }
    }

    private static IEnumerable<(string, Action<TarWriter>)> EscapingTars(string marker)
    {
        var name = Path.GetFileName(marker);
        yield return ("dotdot", w => w.WriteEntry(Entry(new string('x', 0) + "../../../../../../../../tmp/" + name)));
        yield return ("absolute", w => w.WriteEntry(Entry(marker)));
        yield return ("symlink", w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "evil") { LinkName = "/tmp" });
            w.WriteEntry(Entry("evil/" + name));
        });
    }

    private static PaxTarEntry Entry(string name) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("x"u8.ToArray()) };
}
