using System.Net.Http.Headers;
using System.Text;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Registry;

/// <summary>push, pull, run of pulled images against a registry without authentication, with the docker CLI, berth and Docker.DotNet.</summary>
public sealed class PullPushTests(DaemonFixture daemon) : RegistryTest(daemon)
{
    [Fact]
    public async Task Push_rmi_pull_back_and_run()
    {
        var image = Repo("busybox") + ":1";
        (await DockerAsync("tag", "busybox", image)).Ok();
        var push = (await DockerAsync("push", image)).Ok().Stdout;
        Assert.StartsWith($"The push refers to repository [{Repo("busybox")}]\n", push);
        Assert.Contains(": Pushed\n", push);
        var (digest, _) = PushedManifest(push);

        using (var http = new HttpClient())
        {
            Assert.Contains("\"it/busybox\"", await http.GetStringAsync(new Uri(Registry.BaseUri, "v2/_catalog")));
        }

        Assert.Contains($"{Repo("busybox")}@{digest}", (await DockerAsync("image", "inspect", "-f", "{{.RepoDigests}}", image)).Ok().Stdout);
        var untag = (await DockerAsync("rmi", image)).Ok().Stdout;
        Assert.Equal($"Untagged: {image}\nUntagged: {Repo("busybox")}@{digest}\n", untag);
        var pull = (await DockerAsync("pull", image)).Ok().Stdout;
        Assert.StartsWith("1: Pulling from it/busybox\n", pull);
        Assert.Contains(": Already exists\n", pull);
        Assert.EndsWith($"Digest: {digest}\nStatus: Downloaded newer image for {image}\n{image}\n", pull);
        Assert.Contains("Status: Image is up to date for " + image, (await DockerAsync("pull", image)).Ok().Stdout);

        // a layer the store does not have comes from the registry (a fresh one: other images may share busybox's)
        var busyboxId = await ImageIdAsync("busybox");
        var maker = Name("maker");
        var marker = Guid.NewGuid().ToString("N");
        (await DockerAsync("run", "--name", maker, "busybox", "sh", "-c", $"echo {marker} > /marker")).Ok();
        var child = Repo("child") + ":1";
        (await DockerAsync("commit", maker, child)).Ok();
        (await DockerAsync("rm", maker)).Ok();
        var childId = await ImageIdAsync(child);
        (await DockerAsync("push", child)).Ok();
        (await DockerAsync("rmi", child)).Ok();
        pull = (await DockerAsync("pull", child)).Ok().Stdout;
        Assert.Contains(": Already exists\n", pull);
        Assert.Contains(": Pulling fs layer\n", pull);
        Assert.Contains(": Download complete\n", pull);
        Assert.Contains(": Pull complete\n", pull);
        Assert.EndsWith($"Status: Downloaded newer image for {child}\n{child}\n", pull);
        Assert.Equal(childId, await ImageIdAsync(child));
        Assert.StartsWith($"[{Repo("child")}@sha256:", (await DockerAsync("image", "inspect", "-f", "{{.RepoDigests}}", child)).Ok().Stdout);
        Assert.Equal(marker + "\n", (await DockerAsync("run", "--rm", child, "cat", "/marker")).Ok().Stdout);
        (await DockerAsync("rmi", child)).Ok();

        // and by digest, with the berth CLI
        var byDigest = Repo("busybox") + "@" + digest;
        var berthPull = (await BerthAsync("pull", byDigest)).Ok().Stdout;
        Assert.Contains("Status: Image is up to date for " + byDigest, berthPull);
        Assert.Equal(busyboxId, await ImageIdAsync(byDigest));
    }

    [Fact]
    public async Task A_second_pull_downloads_nothing_and_a_layer_of_another_image_is_not_downloaded_again()
    {
        var name = Name("commit");
        (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo layered > /layered")).Ok();
        var image = Repo("layered") + ":2";
        (await DockerAsync("commit", name, image)).Ok();
        (await DockerAsync("rm", name)).Ok();
        (await DockerAsync("push", image)).Ok();
        (await DockerAsync("rmi", image)).Ok();

        var before = Registry.BlobGets();
        var pull = (await DockerAsync("pull", image)).Ok().Stdout;
        Assert.Equal(1, CountOf(pull, ": Already exists\n"));
        Assert.Equal(1, CountOf(pull, ": Pull complete\n"));
        Assert.Equal(2, Registry.BlobGets() - before); // the config and the new layer; busybox's layer was here
        Assert.Equal("layered\n", (await DockerAsync("run", "--rm", image, "cat", "/layered")).Ok().Stdout);

        before = Registry.BlobGets();
        var again = (await DockerAsync("pull", image)).Ok().Stdout;
        Assert.Equal(2, CountOf(again, ": Already exists\n"));
        Assert.Contains("Status: Image is up to date for " + image, again);
        Assert.Equal(0, Registry.BlobGets() - before);
    }

    [Fact]
    public async Task Run_and_create_pull_a_missing_image_as_the_pull_policy_says()
    {
        var image = Repo("runme") + ":3";
        (await DockerAsync("tag", "busybox", image)).Ok();
        (await DockerAsync("push", image)).Ok();
        (await DockerAsync("rmi", image)).Ok();

        var run = await DockerAsync("run", "--rm", image, "echo", "implicit");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("implicit\n", run.Stdout);
        Assert.Contains($"Unable to find image '{image}' locally", run.Stderr);
        Assert.Contains("Status: Downloaded newer image for " + image, run.Stderr);
        (await DockerAsync("rmi", image)).Ok();

        var never = await BerthAsync("run", "--rm", "--pull", "never", image, "true");
        Assert.Equal(125, never.ExitCode);
        Assert.Contains("No such image: " + image, never.Stderr);

        var created = (await BerthAsync("create", "--pull", "always", image)).Ok();
        Assert.Contains("Pulling from it/runme", created.Stderr);
        (await DockerAsync("rm", created.Stdout.Trim())).Ok();
    }

    [Fact]
    public async Task A_corrupted_blob_is_refused_with_a_digest_error_and_nothing_is_stored()
    {
        var image = Repo("corrupt") + ":4";
        await ImportUniqueImageAsync(image);
        var diffId = (await DockerAsync("image", "inspect", "-f", "{{index .RootFS.Layers 0}}", image)).Ok().Stdout.Trim();
        var push = (await DockerAsync("push", image)).Ok().Stdout;
        (await DockerAsync("rmi", image)).Ok();
        Assert.False(File.Exists(Path.Combine(Daemon.DataRoot, "content", "blobs", "sha256", diffId[7..])));

        var (manifestDigest, _) = PushedManifest(push);
        using var http = new HttpClient();
        var manifest = await http.GetStringAsync(new Uri(Registry.BaseUri, $"v2/it/corrupt/manifests/{manifestDigest}"));
        var layer = System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        var blob = Registry.BlobDataPath(layer);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, bytes);

        var pull = await DockerAsync("pull", image);
        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("filesystem layer verification failed for digest " + layer, pull.Stderr);
        Assert.Contains($"No such image: {image}", (await DockerAsync("image", "inspect", image)).Stderr);
        Assert.False(File.Exists(Path.Combine(Daemon.DataRoot, "content", "blobs", "sha256", diffId[7..])));
        Assert.False(Directory.Exists(Path.Combine(Daemon.DataRoot, "layers", diffId[7..])));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "layers", ".tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "content", "ingest")));
    }

    [Fact]
    public async Task A_pull_cut_off_mid_blob_stores_nothing_and_a_retry_pulls_cleanly()
    {
        var image = Repo("cut") + ":6";
        await ImportUniqueImageAsync(image, bytes: 4 * 1024 * 1024);
        var diffId = (await DockerAsync("image", "inspect", "-f", "{{index .RootFS.Layers 0}}", image)).Ok().Stdout.Trim();
        (await DockerAsync("push", image)).Ok();
        (await DockerAsync("rmi", image)).Ok();

        await using var proxy = new CuttingProxy(Registry.Port, limit: 1024 * 1024);
        var throughProxy = $"127.0.0.1:{proxy.Port}/it/cut:6";
        var cut = await DockerAsync("pull", throughProxy);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains(": Pulling fs layer", cut.Stdout);
        Assert.DoesNotContain("Pull complete", cut.Stdout);
        Assert.False(File.Exists(Path.Combine(Daemon.DataRoot, "content", "blobs", "sha256", diffId[7..])));
        Assert.False(Directory.Exists(Path.Combine(Daemon.DataRoot, "layers", diffId[7..])));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "layers", ".tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "content", "ingest")));

        proxy.Cutting = false;
        var retry = (await DockerAsync("pull", throughProxy)).Ok().Stdout;
        Assert.Contains(": Pull complete", retry);
        Assert.Equal(diffId, (await DockerAsync("image", "inspect", "-f", "{{index .RootFS.Layers 0}}", throughProxy)).Ok().Stdout.Trim());
        (await DockerAsync("rmi", throughProxy)).Ok();
    }

    [Fact]
    public async Task A_manifest_list_gives_the_hosts_platform_or_the_one_asked_for()
    {
        var amd64 = Repo("multi") + ":amd64";
        var arm64 = Repo("multi") + ":arm64";
        (await DockerAsync("tag", "busybox", amd64)).Ok();
        var otherId = await ImportUniqueImageAsync(arm64);
        var (amdDigest, amdSize) = PushedManifest((await DockerAsync("push", amd64)).Ok().Stdout);
        var (armDigest, armSize) = PushedManifest((await DockerAsync("push", arm64)).Ok().Stdout);
        var index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + Entry(armDigest, armSize, "\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"") + ","
            + Entry(amdDigest, amdSize, "\"architecture\":\"amd64\",\"os\":\"linux\"") + "]}";
        static string Entry(string digest, int size, string platform) =>
            "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + digest + "\",\"size\":" + size + ",\"platform\":{" + platform + "}}";
        using (var http = new HttpClient())
        {
            var content = new StringContent(index, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.index.v1+json");
            var put = await http.PutAsync(new Uri(Registry.BaseUri, "v2/it/multi/manifests/all"), content);
            Assert.Equal(System.Net.HttpStatusCode.Created, put.StatusCode);
        }

        var all = Repo("multi") + ":all";
        var pull = (await DockerAsync("pull", all)).Ok().Stdout;
        Assert.Contains("Status: Downloaded newer image for " + all, pull);
        Assert.Equal(await ImageIdAsync("busybox"), await ImageIdAsync(all));
        var indexDigest = pull.Split('\n').Single(l => l.StartsWith("Digest: ", StringComparison.Ordinal))["Digest: ".Length..];
        Assert.NotEqual(amdDigest, indexDigest);
        Assert.Contains(Repo("multi") + "@" + indexDigest, (await DockerAsync("image", "inspect", "-f", "{{.RepoDigests}}", all)).Ok().Stdout);

        (await DockerAsync("rmi", arm64)).Ok();
        (await DockerAsync("pull", "--platform", "linux/arm64", all)).Ok();
        Assert.Equal(otherId, await ImageIdAsync(all));

        var missing = await DockerAsync("pull", "--platform", "linux/s390x", all);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no matching manifest for linux/s390x in the manifest list entries", missing.Stderr);
    }

    [Fact]
    public async Task Pull_all_tags_pulls_every_tag_of_the_repository()
    {
        var repository = Repo("tags");
        (await DockerAsync("tag", "busybox", repository + ":a")).Ok();
        await ImportUniqueImageAsync(repository + ":b");
        var pushed = (await DockerAsync("push", "--all-tags", repository)).Ok().Stdout;
        Assert.Contains("a: digest: sha256:", pushed);
        Assert.Contains("b: digest: sha256:", pushed);
        (await DockerAsync("rmi", repository + ":a", repository + ":b")).Ok();

        var pull = (await DockerAsync("pull", "--all-tags", repository)).Ok().Stdout;
        Assert.Contains("a: Pulling from it/tags\n", pull);
        Assert.Contains("b: Pulling from it/tags\n", pull);
        Assert.Contains($"Status: Downloaded newer image for {repository}\n", pull);
        Assert.Equal(await ImageIdAsync("busybox"), await ImageIdAsync(repository + ":a"));
        (await DockerAsync("image", "inspect", repository + ":b")).Ok();
        Assert.NotEqual(0, (await DockerAsync("image", "inspect", repository + ":latest")).ExitCode);
    }

    [Fact]
    public async Task Unknown_names_fail_as_docker_fails()
    {
        var unknownTag = await DockerAsync("pull", Repo("busybox") + ":nosuch");
        Assert.Equal(1, unknownTag.ExitCode);
        Assert.Contains("Error response from daemon:", unknownTag.Stderr);
        Assert.Contains("not found", unknownTag.Stderr);

        var notLocal = await DockerAsync("push", Repo("nothere") + ":1");
        Assert.Equal(1, notLocal.ExitCode);
        Assert.Contains("An image does not exist locally with the tag: " + Repo("nothere"), notLocal.Stderr);

        // the test daemon's proxy settings keep Docker Hub out of reach (see DaemonFixture)
        var hub = await DockerAsync("pull", "it-nosuch-on-the-hub");
        Assert.Equal(1, hub.ExitCode);
        Assert.Contains("\"https://registry-1.docker.io/v2/\"", hub.Stderr);

        Assert.Equal("[::1/128 127.0.0.0/8]\n", (await DockerAsync("info", "--format", "{{.RegistryConfig.InsecureRegistryCIDRs}}")).Ok().Stdout);

        var unreachable = await DockerAsync("pull", $"127.0.0.1:{LocalRegistry.FreePort()}/it/x:1");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("connection refused", unreachable.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Docker_dotnet_pulls_with_progress_and_pushes()
    {
        var image = Repo("dotnet");
        (await DockerAsync("tag", "busybox", image + ":5")).Ok();
        await Daemon.Client.Images.PushImageAsync(image, new ImagePushParameters { Tag = "5" }, new AuthConfig(), new Reports<JSONMessage>());
        (await DockerAsync("rmi", image + ":5")).Ok();

        var reports = new Reports<JSONMessage>();
        await Daemon.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image, Tag = "5" }, new AuthConfig(), reports);
        var messages = reports.Items;
        Assert.Contains(messages, m => m.Status?.StartsWith("Status: ", StringComparison.Ordinal) == true);
        Assert.Contains(messages, m => m.Status == "Pulling from it/dotnet" && m.ID == "5");
        Assert.Contains(messages, m => m.Status?.StartsWith("Digest: sha256:", StringComparison.Ordinal) == true);
        var inspect = await Daemon.Client.Images.InspectImageAsync(image + ":5");
        Assert.Equal(await ImageIdAsync("busybox"), inspect.ID);
        Assert.Contains(inspect.RepoDigests, d => d.StartsWith(image + "@sha256:", StringComparison.Ordinal));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
