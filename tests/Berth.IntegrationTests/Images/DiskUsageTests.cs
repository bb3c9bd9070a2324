using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>Shared layers stored once and counted as Docker counts them: system df (-v), rmi keeping what others use, image prune (-a).</summary>
public sealed class DiskUsageTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_images_sharing_a_base_store_it_once_and_df_reports_shared_and_unique_sizes()
    {
        var name = Name("df");
        var tag = "it-df:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var layersBefore = LayerDirs();
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "head -c 50000 /dev/zero > /fifty")).Ok();
            var id = (await DockerAsync("commit", name, tag)).Ok().Stdout.Trim();
            Assert.Equal(layersBefore.Count + 1, LayerDirs().Count);

            using var df = await GetJsonAsync("/v1.44/system/df");
            var images = df.RootElement.GetProperty("Images").EnumerateArray().ToList();
            var busyboxId = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", "busybox")).Ok().Stdout.Trim();
            var busybox = images.Single(i => i.GetProperty("Id").GetString() == busyboxId);
            var committed = images.Single(i => i.GetProperty("Id").GetString() == id);
            var baseSize = busybox.GetProperty("Size").GetInt64();
            Assert.Equal(baseSize, committed.GetProperty("SharedSize").GetInt64());
            Assert.InRange(committed.GetProperty("Size").GetInt64() - committed.GetProperty("SharedSize").GetInt64(), 50_000, 50_100);
            Assert.Equal(baseSize, busybox.GetProperty("SharedSize").GetInt64());

            // Every stored layer once.
            var layersSize = df.RootElement.GetProperty("LayersSize").GetInt64();
            Assert.Equal(layersSize, LayerDirs().Sum(LayerSize));
            var container = df.RootElement.GetProperty("Containers").EnumerateArray().Single(c => c.GetProperty("Names")[0].GetString() == "/" + name);
            Assert.InRange(container.GetProperty("SizeRw").GetInt64(), 50_000, 50_100);

            var summary = (await DockerAsync("system", "df")).Ok().Stdout;
            Assert.Matches("^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE\nImages +\\d+ +\\d+ ", summary);
            Assert.Contains("\nLocal Volumes ", summary);
            var verbose = (await DockerAsync("system", "df", "-v")).Ok().Stdout;
            Assert.Contains("Images space usage:", verbose);
            Assert.Matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE +SHARED SIZE +UNIQUE SIZE +CONTAINERS", verbose);
            Assert.Matches($"it-df +{tag.Split(':')[1]} +{id[7..19]} .* 50kB +0\n", verbose);

            // Removing the base image's user keeps the base; removing the commit frees only its own layer.
            (await DockerAsync("rm", name)).Ok();
            (await DockerAsync("rmi", tag)).Ok();
            Assert.Equal(layersBefore, LayerDirs());
            Assert.Equal("still\n", (await DockerAsync("run", "--rm", "busybox", "echo", "still")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task Image_prune_frees_only_what_nothing_uses()
    {
        var label = "it.prune=" + Guid.NewGuid().ToString("N")[..6];
        var source = Name("prunesrc");
        var user = Name("pruneuser");
        var unused = "it-prune-unused:" + Guid.NewGuid().ToString("N")[..6];
        var used = "it-prune-used:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("run", "--name", source, "busybox", "sh", "-c", "head -c 30000 /dev/zero > /thirty")).Ok();
            var dangling = (await DockerAsync("commit", "-c", "LABEL " + label, source)).Ok().Stdout.Trim();
            (await DockerAsync("commit", "-c", "LABEL " + label, source, unused)).Ok();
            (await DockerAsync("commit", "-c", "LABEL " + label, "-c", "CMD [\"echo\", \"x\"]", source, used)).Ok();
            (await DockerAsync("create", "--name", user, used)).Ok();

            // Filters: none of these images is older than an hour, none lacks the label.
            var untilHour = (await DockerAsync("image", "prune", "-a", "-f", "--filter", "label=" + label, "--filter", "until=1h")).Ok().Stdout;
            Assert.Equal("Total reclaimed space: 0B\n", untilHour);
            var notLabel = (await DockerAsync("image", "prune", "-a", "-f", "--filter", "label=" + label, "--filter", "label!=" + label.Split('=')[0])).Ok().Stdout;
            Assert.Equal("Total reclaimed space: 0B\n", notLabel);

            // Without -a only the untagged image goes; its layer is shared, so nothing is freed.
            var pruned = (await DockerAsync("image", "prune", "-f", "--filter", "label=" + label)).Ok().Stdout;
            Assert.Equal($"Deleted Images:\ndeleted: {dangling}\n\nTotal reclaimed space: 0B\n", pruned);

            // With -a the unused tagged image goes too; the one a container uses stays, and so does the shared layer.
            var all = (await DockerAsync("image", "prune", "-a", "-f", "--filter", "label=" + label)).Ok().Stdout;
            Assert.Contains("untagged: " + unused, all);
            Assert.DoesNotContain(used, all);
            Assert.EndsWith("Total reclaimed space: 0B\n", all);
            Assert.Equal("x\n", (await DockerAsync("start", "-a", user)).Ok().Stdout);

            // Once the container and the last image using the layer go, prune frees it.
            (await DockerAsync("rm", user)).Ok();
            var last = (await DockerAsync("image", "prune", "-a", "-f", "--filter", "label=" + label)).Ok().Stdout;
            Assert.Contains("untagged: " + used, last);
            Assert.Matches("Total reclaimed space: 3\\d(\\.\\d+)?kB\n$", last);
        }
        finally
        {
            await DockerAsync("rm", "-f", source, user);
            await DockerAsync("rmi", unused, used);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var http = RawHttp.Client(Daemon.Socket);
        return JsonDocument.Parse(await http.GetStringAsync("http://berth" + path, Ct));
    }

    private List<string> LayerDirs() =>
        Directory.EnumerateDirectories(Path.Combine(Daemon.DataRoot, "layers")).Select(Path.GetFileName).Where(n => n!.Length == 64).Order(StringComparer.Ordinal).ToList()!;

    private long LayerSize(string chainHex) =>
        long.Parse(File.ReadAllText(Path.Combine(Daemon.DataRoot, "layers", chainHex, "size")), System.Globalization.CultureInfo.InvariantCulture);
}
