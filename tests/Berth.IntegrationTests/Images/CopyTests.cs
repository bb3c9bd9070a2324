using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>docker cp both ways, running and stopped, tar streams, and symlinks planted to reach the host (CVE-2018-15664 class).</summary>
public sealed class CopyTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Files_and_directories_copy_both_ways(bool running)
    {
        var name = Name("cp");
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            await CreateAsync(name, running, "mkdir -p /data/sub && echo one > /data/one && echo two > /data/sub/two && ln -s one /data/link");
            await File.WriteAllTextAsync(Path.Combine(work, "in.txt"), "into the container\n", Ct);

            (await DockerAsync("cp", Path.Combine(work, "in.txt"), name + ":/data/")).Ok();
            (await DockerAsync("cp", name + ":/data", Path.Combine(work, "out"))).Ok();
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(work, "out", "one"), Ct));
            Assert.Equal("two\n", await File.ReadAllTextAsync(Path.Combine(work, "out", "sub", "two"), Ct));
            Assert.Equal("into the container\n", await File.ReadAllTextAsync(Path.Combine(work, "out", "in.txt"), Ct));
            Assert.Equal("one", new FileInfo(Path.Combine(work, "out", "link")).LinkTarget);

            (await DockerAsync("cp", name + ":/data/one", Path.Combine(work, "single"))).Ok();
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(work, "single"), Ct));

            // -L follows the link (inside the container) and copies what it points at.
            (await DockerAsync("cp", "-L", name + ":/data/link", Path.Combine(work, "followed"))).Ok();
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(work, "followed"), Ct));

            Assert.Equal("into the container\n", await ReadAsync(name, "/data/in.txt"));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_stopped_containers_volume_is_copied_to_and_from()
    {
        var name = Name("cpvol");
        var volume = Name("cpvol");
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            (await DockerAsync("run", "--name", name, "-v", volume + ":/data", "busybox", "sh", "-c", "echo in-volume > /data/x && mkdir /data/sub")).Ok();
            await File.WriteAllTextAsync(Path.Combine(work, "h.txt"), "copied\n", Ct);

            (await DockerAsync("cp", Path.Combine(work, "h.txt"), name + ":/data/sub/")).Ok();
            Assert.Equal("in-volume\n", await ReadAsync(name, "/data/x"));
            var stat = (await Shell($"{RepoPaths.DockerCli} cp {name}:/data - | tar -t")).Ok().Stdout;
            Assert.Equal("data/\ndata/sub/\ndata/sub/h.txt\ndata/x\n", stat);

            // The file went into the volume, not into the container's own layer under it.
            Assert.Equal("copied\n", (await DockerAsync("run", "--rm", "-v", volume + ":/v", "busybox", "cat", "/v/sub/h.txt")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("volume", "rm", "-f", volume);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Tar_streams_go_through_stdin_and_stdout()
    {
        var name = Name("cpstream");
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            await CreateAsync(name, running: true, "echo streamed > /streamed.txt");
            var fromContainer = await Shell($"{RepoPaths.DockerCli} cp {name}:/streamed.txt - | tar -x -O");
            Assert.Equal("streamed\n", fromContainer.Ok().Stdout);

            await File.WriteAllTextAsync(Path.Combine(work, "piped.txt"), "piped\n", Ct);
            (await Shell($"tar -C {work} -c piped.txt | {RepoPaths.DockerCli} cp - {name}:/tmp")).Ok();
            Assert.Equal("piped\n", (await DockerAsync("exec", name, "cat", "/tmp/piped.txt")).Ok().Stdout);

            var notDirectory = await Shell($"tar -C {work} -c piped.txt | {RepoPaths.DockerCli} cp - {name}:/streamed.txt");
            Assert.Equal(1, notDirectory.ExitCode);
            Assert.Contains("must be a directory", notDirectory.Stderr);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_path_gets_dockers_message_and_the_stat_header_reads_as_docker_writes_it()
    {
        var name = Name("cpmissing");
        try
        {
            await CreateAsync(name, running: true, "true");
            var missing = await DockerAsync("cp", name + ":/nonexistent", Path.GetTempPath());
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains($"Could not find the file /nonexistent in container {name}", missing.Stderr);

            using var http = RawHttp.Client(Daemon.Socket);
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"http://berth/v1.44/containers/{name}/archive?path=/etc"), Ct);
            Assert.Equal(200, (int)head.StatusCode);
            using var stat = JsonDocument.Parse(Convert.FromBase64String(head.Headers.GetValues("X-Docker-Container-Path-Stat").Single()));
            Assert.Equal("etc", stat.RootElement.GetProperty("name").GetString());
            Assert.Equal((1u << 31) | 0x1ED, stat.RootElement.GetProperty("mode").GetUInt32());
            Assert.Equal("", stat.RootElement.GetProperty("linkTarget").GetString());

            using var noPath = await http.GetAsync($"http://berth/v1.44/containers/{name}/archive", Ct);
            Assert.Equal(400, (int)noPath.StatusCode);
            Assert.Contains("path cannot be empty", await noPath.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Symlinks_planted_in_the_container_never_reach_host_files(bool running)
    {
        var name = Name("cpescape");
        var hostDir = Directory.CreateTempSubdirectory("berth-it-host-").FullName;
        var secret = Path.Combine(hostDir, "secret");
        await File.WriteAllTextAsync(secret, "host secret\n", Ct);
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            await CreateAsync(name, running,
                $"mkdir -p {hostDir} && ln -s {secret} /abs && ln -s ../../../../../../../..{hostDir} /rel && ln -s {hostDir} /dirlink && mkdir -p /deep && ln -s / /deep/root");

            // Out of the container: links resolve inside it, where the host path does not exist.
            (await DockerAsync("cp", name + ":/abs", Path.Combine(work, "abs"))).Ok();
            Assert.Equal(secret, new FileInfo(Path.Combine(work, "abs")).LinkTarget);
            foreach (var path in new[] { "/rel/secret", "/dirlink/secret", "/deep/root" + secret })
            {
                var read = await DockerAsync("cp", name + ":" + path, Path.Combine(work, "leak"));
                Assert.Equal(1, read.ExitCode);
                Assert.Contains($"Could not find the file {path} in container {name}", read.Stderr);
            }

            var followed = await DockerAsync("cp", "-L", name + ":/abs", Path.Combine(work, "leak"));
            Assert.Equal(1, followed.ExitCode);
            Assert.False(File.Exists(Path.Combine(work, "leak")));

            // Into the container: through a link to the host directory, and through links the tar itself plants.
            await File.WriteAllTextAsync(Path.Combine(work, "pwned"), "pwned\n", Ct);
            await DockerAsync("cp", Path.Combine(work, "pwned"), name + ":/dirlink/");
            await DockerAsync("cp", Path.Combine(work, "pwned"), name + ":/rel/pwned");
            await PutArchiveAsync(name, "/", PlantingTar(hostDir));
            await PutArchiveAsync(name, "/dirlink", PlantingTar("x"));

            Assert.Equal(["secret"], Directory.EnumerateFileSystemEntries(hostDir).Select(Path.GetFileName));
            Assert.Equal("host secret\n", await File.ReadAllTextAsync(secret, Ct));

            // What was written went to the container's own directory of that name.
            Assert.Equal("planted\n", await ReadAsync(name, hostDir + "/via-link"));
            Assert.Equal("pwned\n", await ReadAsync(name, hostDir + "/pwned"));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            Directory.Delete(hostDir, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Entries_climbing_out_of_the_destination_are_refused()
    {
        var name = Name("cpdotdot");
        var marker = "/tmp/berth-it-dotdot-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await CreateAsync(name, running: true, "true");
            using var tar = new MemoryStream();
            await using (var writer = new TarWriter(tar, leaveOpen: true))
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "../../../../../../.." + marker) { DataStream = new MemoryStream("x"u8.ToArray()) }, Ct);
            }

            using var http = RawHttp.Client(Daemon.Socket);
            using var response = await http.PutAsync($"http://berth/v1.44/containers/{name}/archive?path=/tmp", new ByteArrayContent(tar.ToArray()), Ct);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.False(File.Exists(marker));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
        }
    }

    [Fact]
    public async Task A_read_only_rootfs_or_volume_is_refused_as_docker_refuses_it()
    {
        var name = Name("cpro");
        var volume = Name("cprovol");
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            (await DockerAsync("run", "-d", "--read-only", "-v", volume + ":/ro:ro", "-v", "/data", "--name", name, "busybox", "sleep", "300")).Ok();
            await File.WriteAllTextAsync(Path.Combine(work, "f"), "f", Ct);
            var refused = await DockerAsync("cp", Path.Combine(work, "f"), name + ":/tmp/");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("container rootfs is marked read-only", refused.Stderr);

            var readOnlyVolume = await DockerAsync("cp", Path.Combine(work, "f"), name + ":/ro/");
            Assert.Equal(1, readOnlyVolume.ExitCode);
            Assert.Contains("mounted volume is marked read-only", readOnlyVolume.Stderr);

            // A writable volume of a read-only container takes the copy.
            (await DockerAsync("cp", Path.Combine(work, "f"), name + ":/data/")).Ok();
            Assert.Equal("f", (await DockerAsync("exec", name, "cat", "/data/f")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", "-v", name);
            await DockerAsync("volume", "rm", "-f", volume);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Copy_with_archive_mode_gives_the_file_to_the_containers_user()
    {
        var name = Name("cpuid");
        var work = Directory.CreateTempSubdirectory("berth-it-cp-").FullName;
        try
        {
            (await DockerAsync("run", "-d", "--user", "nobody", "--name", name, "busybox", "sleep", "300")).Ok();
            await File.WriteAllTextAsync(Path.Combine(work, "owned"), "owned", Ct);
            (await DockerAsync("cp", "-a", Path.Combine(work, "owned"), name + ":/tmp/")).Ok();
            Assert.Equal("65534:65534\n", (await DockerAsync("exec", name, "stat", "-c", "%u:%g", "/tmp/owned")).Ok().Stdout);
            (await DockerAsync("cp", Path.Combine(work, "owned"), name + ":/tmp/plain")).Ok();
            Assert.Equal("0:0\n", (await DockerAsync("exec", name, "stat", "-c", "%u:%g", "/tmp/plain")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A container whose files are made by <paramref name="setup"/>, left running or stopped.</summary>
    private async Task CreateAsync(string name, bool running, string setup)
    {
        if (running)
        {
            (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", setup + " && touch /ready && sleep 300")).Ok();
            await Eventually.TrueAsync(async () => (await DockerAsync("exec", name, "ls", "/ready")).ExitCode == 0, TimeSpan.FromSeconds(10));
        }
        else
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", setup)).Ok();
        }
    }

    /// <summary>A tar that first plants a link to <paramref name="target"/>, then writes through it.</summary>
    private static byte[] PlantingTar(string target)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "planted") { LinkName = target });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "planted/via-link") { DataStream = new MemoryStream("planted\n"u8.ToArray()) });
        }

        return tar.ToArray();
    }

    private async Task PutArchiveAsync(string container, string path, byte[] tar)
    {
        using var http = RawHttp.Client(Daemon.Socket);
        using var content = new ByteArrayContent(tar);
        content.Headers.ContentType = new("application/x-tar");
        using var response = await http.PutAsync($"http://berth/v1.44/containers/{container}/archive?path={Uri.EscapeDataString(path)}", content, Ct);
        _ = await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<string> ReadAsync(string container, string path) =>
        (await Shell($"{RepoPaths.DockerCli} cp {container}:{path} - | tar -x -O")).Ok().Stdout;

    private Task<CommandResult> Shell(string script) =>
        new Cli("/bin/sh", new Dictionary<string, string> { ["DOCKER_HOST"] = Daemon.Host, ["DOCKER_CONFIG"] = Path.Combine(Daemon.Root, "docker-config") })
            .RunAsync("-c", script);
}
