using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Core.Ids;
using Berth.Images.Manifests;

namespace Berth.Images.Transfer;

/// <summary>
/// The JSON documents of a saved image archive, laid out field by field as moby's tarexport marshals them (Go's
/// struct order, sorted map keys), so an archive Berth writes reads like one Docker wrote.
/// </summary>
internal static class ArchiveDocuments
{
    /// <summary>containerd's annotation holding the full reference an index entry was saved as.</summary>
    public const string ImageNameAnnotation = "io.containerd.image.name";

    /// <summary>OCI's annotation holding the tag.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Exactly as moby writes it, with the space.</summary>
    public static readonly byte[] OciLayout = """{"imageLayoutVersion": "1.0.0"}"""u8.ToArray();

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Manifest(OciDescriptor config, IReadOnlyList<OciDescriptor> layers) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.OciManifest);
        w.WritePropertyName("config");
        Descriptor(w, config);
        w.WriteStartArray("layers");
        foreach (var layer in layers)
        {
            Descriptor(w, layer);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Index(IEnumerable<OciDescriptor> manifests) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.OciIndex);
        w.WriteStartArray("manifests");
        foreach (var manifest in manifests)
        {
            Descriptor(w, manifest);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>manifest.json: written with Go's json.Encoder, so it ends in a newline.</summary>
    public static byte[] DockerManifest(IEnumerable<DockerManifestEntry> entries) => WriteLine(w =>
    {
        w.WriteStartArray();
        foreach (var entry in entries)
        {
            w.WriteStartObject();
            w.WriteString("Config", BlobPath(entry.Config));
            if (entry.RepoTags.Count == 0)
            {
                w.WriteNull("RepoTags");
            }
            else
            {
                w.WriteStartArray("RepoTags");
                entry.RepoTags.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            w.WriteStartArray("Layers");
            foreach (var layer in entry.Layers)
            {
                w.WriteStringValue(BlobPath(layer.Digest));
            }

            w.WriteEndArray();
            if (entry.Parent is { } parent)
            {
                w.WriteString("Parent", parent.ToString());
            }

            // moby's LayerSources maps each DiffID to its descriptor (distribution.Descriptor: mediaType, size, digest).
            w.WriteStartObject("LayerSources");
            foreach (var layer in entry.Layers.DistinctBy(l => l.Digest).OrderBy(l => l.Digest.Hex, StringComparer.Ordinal))
            {
                w.WriteStartObject(layer.Digest.ToString());
                w.WriteString("mediaType", layer.MediaType);
                w.WriteNumber("size", layer.Size);
                w.WriteString("digest", layer.Digest.ToString());
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>The legacy <c>repositories</c> file: familiar name → tag → the ID of the top layer.</summary>
    public static byte[] Repositories(IEnumerable<(ImageRef Tag, string TopLayerId)> tags) => WriteLine(w =>
    {
        w.WriteStartObject();
        foreach (var repository in tags.GroupBy(t => t.Tag.FamiliarRepository).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(repository.Key);
            foreach (var (tag, top) in repository.DistinctBy(t => t.Tag.Tag).OrderBy(t => t.Tag.Tag, StringComparer.Ordinal))
            {
                w.WriteString(tag.Tag!, top);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    public static string BlobPath(Digest digest) => "blobs/sha256/" + digest.Hex;

    private static void Descriptor(Utf8JsonWriter w, OciDescriptor descriptor)
    {
        w.WriteStartObject();
        w.WriteString("mediaType", descriptor.MediaType);
        w.WriteString("digest", descriptor.Digest.ToString());
        w.WriteNumber("size", descriptor.Size);
        if (descriptor.Annotations is { Count: > 0 } annotations)
        {
            w.WriteStartObject("annotations");
            foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static byte[] WriteLine(Action<Utf8JsonWriter> write) => [.. Write(write), (byte)'\n'];

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One image in manifest.json: its config, its layers (as OCI layer descriptors) and tags.</summary>
internal sealed record DockerManifestEntry(Digest Config, IReadOnlyList<string> RepoTags, IReadOnlyList<OciDescriptor> Layers, Digest? Parent);
