using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>save and load: Docker 25+'s combined archive, OCI layouts with compressed layers, shared layers, refused archives.</summary>
public sealed class SaveLoadTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_image_loads_back_from_a_file_and_from_stdin_and_runs()
    {
        var name = Name("save");
        var tag = "it-save:" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Daemon.Root, name + ".tar");
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo saved > /saved.txt")).Ok();
            var id = (await DockerAsync("commit", "-c", "CMD [\"cat\", \"/saved.txt\"]", name, tag)).Ok().Stdout.Trim();
            (await DockerAsync("save", "-o", file, tag)).Ok();

            var entries = await EntriesAsync(file);
            Assert.Contains("index.json", entries.Keys);
            Assert.Contains("oci-layout", entries.Keys);
            Assert.Contains("repositories", entries.Keys);
            Assert.Contains("blobs/sha256/" + id["sha256:".Length..], entries.Keys);
            var manifest = Encoding.UTF8.GetString(entries["manifest.json"]);
            Assert.StartsWith($"[{{\"Config\":\"blobs/sha256/{id["sha256:".Length..]}\",\"RepoTags\":[\"{tag}\"],\"Layers\":[\"blobs/sha256/", manifest);
            Assert.Contains("io.containerd.image.name\":\"docker.io/library/" + tag, Encoding.UTF8.GetString(entries["index.json"]));
            foreach (var (path, bytes) in entries.Where(e => e.Key.StartsWith("blobs/sha256/", StringComparison.Ordinal) && e.Key.Length > 13))
            {
                Assert.Equal(path["blobs/sha256/".Length..], Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }

            (await DockerAsync("rm", name)).Ok();
            (await DockerAsync("rmi", tag)).Ok();
            Assert.Equal($"Loaded image: {tag}\n", (await DockerAsync("load", "-i", file)).Ok().Stdout);
            Assert.Equal(id, (await DockerAsync("image", "inspect", "-f", "{{.Id}}", tag)).Ok().Stdout.Trim());
            Assert.Equal("saved\n", (await DockerAsync("run", "--rm", tag)).Ok().Stdout);

            (await DockerAsync("rmi", tag)).Ok();
            var fromStdin = await Shell($"{RepoPaths.DockerCli} load < {file}");
            Assert.Equal($"Loaded image: {tag}\n", fromStdin.Ok().Stdout);
            Assert.Equal("saved\n", (await DockerAsync("run", "--rm", tag)).Ok().Stdout);

            // A compressed archive loads too, as with Docker.
            (await DockerAsync("rmi", tag)).Ok();
            var gzipped = await Shell($"gzip -c {file} | {RepoPaths.DockerCli} load");
            Assert.Equal($"Loaded image: {tag}\n", gzipped.Ok().Stdout);

            // Saved to stdout, the same bytes.
            var piped = await Shell($"{RepoPaths.DockerCli} save {tag} | sha256sum");
            Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct))), piped.Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_oci_layout_with_a_gzip_layer_loads_and_runs_and_shares_the_stored_layer()
    {
        var tag = "it-oci:" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Daemon.Root, "oci-" + Guid.NewGuid().ToString("N")[..6] + ".tar");
        try
        {
            var layer = await File.ReadAllBytesAsync(RepoPaths.BusyboxTar, Ct);
            await File.WriteAllBytesAsync(file, OciLayout(Gzip(layer), "application/vnd.oci.image.layer.v1.tar+gzip", layer, "docker.io/library/" + tag), Ct);
            var layersBefore = LayerDirs();

            Assert.Equal($"Loaded image: {tag}\n", (await DockerAsync("load", "-i", file)).Ok().Stdout);

            Assert.Equal("oci\n", (await DockerAsync("run", "--rm", tag, "echo", "oci")).Ok().Stdout);

            // The same layer as the imported busybox: one content blob, one unpacked tree.
            Assert.Equal(layersBefore, LayerDirs());
            var busyboxLayers = (await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", "busybox")).Ok().Stdout;
            Assert.Equal(busyboxLayers, (await DockerAsync("image", "inspect", "-f", "{{.RootFS.Layers}}", tag)).Ok().Stdout);
            Assert.Contains(tag.Split(':')[0], (await DockerAsync("images")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rmi", tag);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_truncated_or_corrupt_archive_is_refused_and_leaves_the_store_as_it_was()
    {
        var tag = "it-corrupt:" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Daemon.Root, "corrupt-" + Guid.NewGuid().ToString("N")[..6] + ".tar");
        var source = Name("corrupt");
        try
        {
            (await DockerAsync("run", "--name", source, "busybox", "sh", "-c", "head -c 100000 /dev/urandom > /random")).Ok();
            (await DockerAsync("commit", source, tag)).Ok();
            (await DockerAsync("save", "-o", file, tag)).Ok();
            (await DockerAsync("rm", source)).Ok();
            (await DockerAsync("rmi", tag)).Ok();
            var whole = await File.ReadAllBytesAsync(file, Ct);
            var images = (await DockerAsync("images", "-q", "--no-trunc")).Ok().Stdout;
            var layers = LayerDirs();
            var blobs = Blobs();

            await File.WriteAllBytesAsync(file, whole[..(whole.Length / 2)], Ct);
            var truncated = await DockerAsync("load", "-i", file);
            Assert.Equal(1, truncated.ExitCode);
            Assert.Contains("unexpected EOF", truncated.Output);

            // One byte of the new layer changed: its digest no longer matches. (A layer the store has is not read at all.)
            var corrupt = (byte[])whole.Clone();
            var at = await OffsetInNewLayerAsync(file.Replace(".tar", ".whole.tar", StringComparison.Ordinal), whole);
            corrupt[at] ^= 0xFF;
            await File.WriteAllBytesAsync(file, corrupt, Ct);
            var mismatch = await DockerAsync("load", "-i", file);
            Assert.Equal(1, mismatch.ExitCode);
            Assert.Contains("invalid diffID", mismatch.Output);

            Assert.Equal(images, (await DockerAsync("images", "-q", "--no-trunc")).Ok().Stdout);
            Assert.Equal(layers, LayerDirs());
            Assert.Equal(blobs, Blobs());
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "layers", ".tmp")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Daemon.DataRoot, "content", "ingest")));
        }
        finally
        {
            await DockerAsync("rm", "-f", source);
            await DockerAsync("rmi", tag);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Loading_a_tag_another_image_holds_moves_it_with_dockers_notice()
    {
        var name = Name("retag");
        var tag = "it-retag:" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Daemon.Root, name + ".tar");
        try
        {
            (await DockerAsync("tag", "busybox", tag)).Ok();
            (await DockerAsync("save", "-o", file, tag)).Ok();
            (await DockerAsync("run", "--name", name, "busybox", "touch", "/new")).Ok();
            var other = (await DockerAsync("commit", name, tag)).Ok().Stdout.Trim();

            var loaded = (await DockerAsync("load", "-i", file)).Ok().Stdout;

            Assert.Equal($"The image {tag} already exists, renaming the old one with ID {other} to empty string\nLoaded image: {tag}\n", loaded);
            var busybox = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", "busybox")).Ok().Stdout;
            Assert.Equal(busybox, (await DockerAsync("image", "inspect", "-f", "{{.Id}}", tag)).Ok().Stdout);
            Assert.Equal("[]\n", (await DockerAsync("image", "inspect", "-f", "{{.RepoTags}}", other)).Ok().Stdout);
            (await DockerAsync("rmi", other)).Ok();
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Save_of_an_unknown_image_is_dockers_no_such_image()
    {
        var result = await Shell($"{RepoPaths.DockerCli} save it-nosuch-image:1 > /dev/null");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No such image: it-nosuch-image:1", result.Stderr);
    }

    private Task<CommandResult> Shell(string script) =>
        new Cli("/bin/sh", new Dictionary<string, string> { ["DOCKER_HOST"] = Daemon.Host, ["DOCKER_CONFIG"] = Path.Combine(Daemon.Root, "docker-config") })
            .RunAsync("-c", script);

    private List<string> LayerDirs() =>
        Directory.EnumerateDirectories(Path.Combine(Daemon.DataRoot, "layers")).Select(Path.GetFileName).Where(n => n!.Length == 64).Order(StringComparer.Ordinal).ToList()!;

    private List<string> Blobs() =>
        Directory.EnumerateFiles(Path.Combine(Daemon.DataRoot, "content", "blobs", "sha256")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The middle of the one layer blob of about 100 kB: the new layer with the random bytes.</summary>
    private static async Task<long> OffsetInNewLayerAsync(string copy, byte[] archive)
    {
        await File.WriteAllBytesAsync(copy, archive, Ct);
        try
        {
            await using var stream = File.OpenRead(copy);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
            {
                if (entry.Length is > 100_000 and < 120_000)
                {
                    return entry.DataOffset + (entry.Length / 2);
                }
            }

            throw new InvalidOperationException("no layer of about 100 kB in the archive");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static async Task<Dictionary<string, byte[]>> EntriesAsync(string file)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var stream = File.OpenRead(file);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
        {
            using var bytes = new MemoryStream();
            if (entry.DataStream is { } data)
            {
                await data.CopyToAsync(bytes, Ct);
            }

            entries[entry.Name] = bytes.ToArray();
        }

        return entries;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>An OCI image layout (as skopeo or buildx write one) of a one-layer image.</summary>
    private static byte[] OciLayout(byte[] blob, string mediaType, byte[] uncompressed, string name)
    {
        var config = Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["{{{Digest(uncompressed)}}}"]}}""");
        var manifest = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{Digest(config)}}}","size":{{{config.Length}}}},"layers":[{"mediaType":"{{{mediaType}}}","digest":"{{{Digest(blob)}}}","size":{{{blob.Length}}}}]}""");
        var index = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest(manifest)}}}","size":{{{manifest.Length}}},"annotations":{"io.containerd.image.name":"{{{name}}}"}}]}""");
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, bytes) in new[] { ("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()), ("index.json", index), (Blob(blob), blob), (Blob(config), config), (Blob(manifest), manifest) })
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(bytes) });
            }
        }

        return buffer.ToArray();
    }

    private static string Blob(byte[] bytes) => "blobs/sha256/" + Digest(bytes)["sha256:".Length..];
}
