using System.Formats.Tar;
using System.Text;
using Berth.Core.Ids;

namespace Berth.Images.Tests.Support;

/// <summary>Hand-made image archives: an OCI layout (index.json, blobs) or a legacy Docker archive (&lt;id&gt;/layer.tar).</summary>
internal static class ArchiveBuilder
{
    /// <summary>A config whose rootfs lists <paramref name="diffIds"/>.</summary>
    public static byte[] Config(IEnumerable<Digest> diffIds) => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":[{{{string.Join(',', diffIds.Select(d => $"\"{d}\""))}}}]}}""");

    /// <summary>An OCI layout holding one image: its layer blobs as given (compressed or not), named <paramref name="name"/>.</summary>
    public static byte[] OciLayout(IReadOnlyList<(byte[] Blob, string MediaType, Digest DiffId)> layers, string name)
    {
        var config = Config(layers.Select(l => l.DiffId));
        var manifest = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Digest.Compute(config)}}","size":{{config.Length}}},"layers":[{{string.Join(',', layers.Select(l => $$"""{"mediaType":"{{l.MediaType}}","digest":"{{Digest.Compute(l.Blob)}}","size":{{l.Blob.Length}}}"""))}}]}""");
        var index = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest.Compute(manifest)}}}","size":{{{manifest.Length}}},"annotations":{"org.opencontainers.image.ref.name":"{{{name}}}"}}]}""");
        var files = new List<(string, byte[])> { ("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()), ("index.json", index) };
        files.AddRange(layers.Select(l => (Blob(l.Blob), l.Blob)));
        files.Add((Blob(config), config));
        files.Add((Blob(manifest), manifest));
        return Tar(files);
    }

    /// <summary>A Docker archive as Docker 24 and older wrote it: &lt;v1 id&gt;/{layer.tar,VERSION,json} first, then manifest.json.</summary>
    public static byte[] Legacy(IReadOnlyList<byte[]> layerTars, string repoTag)
    {
        var diffIds = layerTars.Select(t => Digest.Compute(t)).ToList();
        var config = Config(diffIds);
        var configName = Digest.Compute(config).Hex + ".json";
        var files = layerTars.Select((t, i) => ($"{i:D64}/layer.tar", t)).ToList();
        files.AddRange(layerTars.Select((_, i) => ($"{i:D64}/VERSION", "1.0"u8.ToArray())));
        files.AddRange(layerTars.Select((_, i) => ($"{i:D64}/json", Encoding.UTF8.GetBytes($$"""{"id":"{{i:D64}}","created":"1970-01-01T00:00:00Z"}"""))));
        files.Add((configName, config));
        var layerNames = string.Join(',', files.Take(layerTars.Count).Select(f => $"\"{f.Item1}\""));
        files.Add(("manifest.json", Encoding.UTF8.GetBytes($$"""[{"Config":"{{configName}}","RepoTags":["{{repoTag}}"],"Layers":[{{layerNames}}]}]""")));
        return Tar(files);
    }

    public static string Blob(byte[] bytes) => "blobs/sha256/" + Digest.Compute(bytes).Hex;

    public static byte[] Tar(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return buffer.ToArray();
    }
}
