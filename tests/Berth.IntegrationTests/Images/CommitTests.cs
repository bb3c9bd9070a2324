using System.Security.Cryptography;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Images;

/// <summary>commit (a layer from the container's writes, whiteouts included), diff, history, export and import of an export.</summary>
public sealed class CommitTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Commit_stores_the_changes_as_a_layer_with_the_changes_message_and_author()
    {
        var name = Name("commit");
        var tag = "it-commit:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo hello > /hello.txt && rm /bin/ls && mkdir /d && echo x > /d/x")).Ok();
            var id = (await DockerAsync("commit", "-m", "my message", "-a", "Jane <jane@example.com>", "-c", "ENV FOO=bar", "-c", "CMD [\"cat\", \"/hello.txt\"]", name, tag))
                .Ok().Stdout.Trim();
            Assert.Matches("^sha256:[0-9a-f]{64}$", id);

            Assert.Equal("hello\n", (await DockerAsync("run", "--rm", tag)).Ok().Stdout);
            var deleted = await DockerAsync("run", "--rm", tag, "ls", "/bin/ls");
            Assert.NotEqual(0, deleted.ExitCode);
            Assert.Equal("x\nbar\n", (await DockerAsync("run", "--rm", tag, "sh", "-c", "cat /d/x; echo $FOO")).Ok().Stdout);

            var inspect = (await DockerAsync("image", "inspect", "-f", "{{.Id}}|{{.Comment}}|{{.Author}}|{{.Config.Env}}|{{len .RootFS.Layers}}|{{.Parent}}", tag)).Ok().Stdout.Trim();
            var busybox = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", "busybox")).Ok().Stdout.Trim();
            Assert.Equal($"{id}|my message|Jane <jane@example.com>|[FOO=bar]|2|{busybox}", inspect);

            // The image ID is the digest of the config blob, as in Docker.
            var config = await File.ReadAllBytesAsync(Path.Combine(Daemon.DataRoot, "content", "blobs", "sha256", id["sha256:".Length..]));
            Assert.Equal(id, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config)));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task History_shows_each_step_newest_first_with_its_creator_size_and_comment()
    {
        var name = Name("history");
        var tag = "it-history:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "head -c 1000 /dev/zero > /kb")).Ok();
            var id = (await DockerAsync("commit", "-m", "one kb", name, tag)).Ok().Stdout.Trim();
            var lines = (await DockerAsync("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}", tag)).Ok().Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var busybox = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", "busybox")).Ok().Stdout.Trim();
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"{id}|sh -c head -c 1000 /dev/zero > /kb|", lines[0]);
            Assert.EndsWith("|one kb", lines[0]);
            Assert.StartsWith($"{busybox}||", lines[1]);
            Assert.EndsWith("|Imported from -", lines[1]);

            var table = (await DockerAsync("history", tag)).Ok().Stdout;
            Assert.Matches("^IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n", table);

            var api = await Daemon.Client.Images.GetImageHistoryAsync(tag, TestContext.Current.CancellationToken);
            Assert.Equal(id, api[0].ID);
            Assert.Equal([tag], api[0].Tags);
            Assert.InRange(api[0].Size, 1000, 1100);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task Commit_pauses_a_running_container_and_leaves_it_running()
    {
        var name = Name("commitrun");
        var tag = "it-commitrun:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "echo up > /state; sleep 300")).Ok();
            await Eventually.TrueAsync(async () => (await DockerAsync("exec", name, "cat", "/state")).Stdout == "up\n", TimeSpan.FromSeconds(10));
            var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            (await DockerAsync("commit", name, tag)).Ok();
            Assert.Equal("pause\nunpause\ncommit\n", await CommitEventsAsync(name, since));

            // Unpaused again: it still runs and takes execs.
            Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
            Assert.Equal("up\n", (await DockerAsync("exec", name, "cat", "/state")).Ok().Stdout);
            Assert.Equal("up\n", (await DockerAsync("run", "--rm", tag, "cat", "/state")).Ok().Stdout);

            since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
            await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= since), TimeSpan.FromSeconds(3));
            (await DockerAsync("commit", "--pause=false", name, tag)).Ok();
            Assert.Equal("commit\n", await CommitEventsAsync(name, since));

            // A container paused by its user stays paused.
            (await DockerAsync("pause", name)).Ok();
            (await DockerAsync("commit", name, tag)).Ok();
            Assert.Equal("paused", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
        }
    }

    /// <summary>The pause, unpause and commit events of the container since then (the stream ends a second after now).</summary>
    private async Task<string> CommitEventsAsync(string container, long since)
    {
        var until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        return (await DockerAsync("events", "--since", since.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--until", until.ToString(System.Globalization.CultureInfo.InvariantCulture), "--filter", "container=" + container,
            "--filter", "event=pause", "--filter", "event=unpause", "--filter", "event=commit", "--format", "{{.Action}}")).Ok().Stdout;
    }

    [Fact]
    public async Task Diff_lists_the_containers_changes_as_docker_does()
    {
        var name = Name("diff");
        var unchanged = Name("nodiff");
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo a > /a; rm /bin/ls; mkdir -p /tmp/x; echo > /etc/motd; rm -rf /home; mkdir /home; echo h > /home/f")).Ok();
            const string Expected = "A /a\nC /bin\nD /bin/ls\nC /etc\nA /etc/motd\nD /home\nA /home/f\nC /tmp\nA /tmp/x\n";
            Assert.Equal(Expected, (await DockerAsync("diff", name)).Ok().Stdout);
            Assert.Equal(Expected, (await BerthAsync("diff", name)).Ok().Stdout);

            (await DockerAsync("run", "--name", unchanged, "busybox", "true")).Ok();
            Assert.Equal("", (await DockerAsync("diff", unchanged)).Ok().Stdout);
            Assert.Contains("No such container: it-nosuch", (await DockerAsync("diff", "it-nosuch")).Stderr);
        }
        finally
        {
            await DockerAsync("rm", "-f", name, unchanged);
        }
    }

    [Fact]
    public async Task A_container_that_changed_nothing_commits_no_new_layer()
    {
        var name = Name("unchanged");
        var tag = "it-unchanged:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "true")).Ok();
            (await DockerAsync("commit", name, tag)).Ok();
            var layers = (await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", tag)).Ok().Stdout;
            Assert.Equal((await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", "busybox")).Ok().Stdout, layers);
            var history = (await DockerAsync("history", "--format", "{{.Size}}", tag)).Ok().Stdout;
            Assert.StartsWith("0B\n", history);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task A_container_whose_image_was_removed_still_commits_and_the_result_saves()
    {
        var source = Name("orphansrc");
        var user = Name("orphanuser");
        var image = "it-orphan:" + Guid.NewGuid().ToString("N")[..6];
        var committed = "it-orphan-child:" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Daemon.Root, user + ".tar");
        try
        {
            (await DockerAsync("run", "--name", source, "busybox", "sh", "-c", "echo base > /base")).Ok();
            (await DockerAsync("commit", source, image)).Ok();
            (await DockerAsync("run", "--name", user, image, "sh", "-c", "echo top > /top")).Ok();
            (await DockerAsync("rmi", "-f", image)).Ok();

            (await DockerAsync("commit", user, committed)).Ok();
            (await DockerAsync("save", "-o", file, committed)).Ok();
            (await DockerAsync("rm", user)).Ok();
            (await DockerAsync("rmi", committed)).Ok();
            (await DockerAsync("load", "-i", file)).Ok();
            Assert.Equal("base\ntop\n", (await DockerAsync("run", "--rm", committed, "cat", "/base", "/top")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", source, user);
            await DockerAsync("rmi", "-f", image, committed);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Commit_refusals_use_dockers_messages()
    {
        var missing = await DockerAsync("commit", "it-nosuch-container", "x:1");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No such container: it-nosuch-container", missing.Stderr);

        var name = Name("badchange");
        try
        {
            (await DockerAsync("create", "--name", name, "busybox")).Ok();
            var bad = await DockerAsync("commit", "-c", "RUN echo", name);
            Assert.Contains("RUN is not a valid change command", bad.Stderr);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
        }
    }

    [Fact]
    public async Task Docker_DotNet_commits_with_a_config()
    {
        var name = Name("dotnetcommit");
        var repo = "it-dotnet-commit";
        var tag = Guid.NewGuid().ToString("N")[..6];
        var ct = TestContext.Current.CancellationToken;
        try
        {
            (await DockerAsync("create", "--name", name, "busybox")).Ok();
            var response = await Daemon.Client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = name,
                RepositoryName = repo,
                Tag = tag,
                Comment = "from Docker.DotNet",
                Config = new Config { Cmd = ["echo", "configured"], Labels = new Dictionary<string, string> { ["k"] = "v" } },
            }, ct);
            var image = await Daemon.Client.Images.InspectImageAsync($"{repo}:{tag}", ct);
            Assert.Equal(response.ID, image.ID);
            Assert.Equal(["echo", "configured"], image.Config.Cmd);
            Assert.Equal("v", image.Config.Labels["k"]);
            Assert.Equal("configured\n", (await DockerAsync("run", "--rm", $"{repo}:{tag}")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", $"{repo}:{tag}");
        }
    }

    [Fact]
    public async Task Export_writes_the_flattened_filesystem_and_import_takes_it_back()
    {
        var name = Name("export");
        var tag = "it-exported:" + Guid.NewGuid().ToString("N")[..6];
        var tar = Path.Combine(Daemon.Root, name + ".tar");
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo exported > /exported.txt && rm /bin/ls")).Ok();
            (await DockerAsync("export", "-o", tar, name)).Ok();
            var names = new List<string>();
            await using (var file = File.OpenRead(tar))
            await using (var reader = new System.Formats.Tar.TarReader(file))
            {
                while (await reader.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
                {
                    names.Add(entry.Name);
                }
            }

            Assert.Contains("exported.txt", names);
            Assert.Contains("bin/busybox", names);
            Assert.DoesNotContain("bin/ls", names);
            Assert.DoesNotContain(names, n => n.Contains(".wh.", StringComparison.Ordinal));

            (await DockerAsync("import", "-c", "CMD [\"cat\", \"/exported.txt\"]", tar, tag)).Ok();
            Assert.Equal("exported\n", (await DockerAsync("run", "--rm", tag)).Ok().Stdout);
            Assert.Equal(1, int.Parse((await DockerAsync("image", "inspect", "-f", "{{len .RootFS.Layers}}", tag)).Ok().Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture));

            // A running container exports too, and the stream can go to stdout.
            var running = Name("exportrun");
            (await DockerAsync("run", "-d", "--name", running, "busybox", "sleep", "300")).Ok();
            var streamed = await new Cli("/bin/sh", new Dictionary<string, string> { ["DOCKER_HOST"] = Daemon.Host })
                .RunAsync("-c", $"{RepoPaths.DockerCli} export {running} | tar t | grep -c '^bin/busybox$'");
            Assert.Equal("1\n", streamed.Ok().Stdout);
            (await DockerAsync("rm", "-f", running)).Ok();
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
            File.Delete(tar);
        }
    }
}
