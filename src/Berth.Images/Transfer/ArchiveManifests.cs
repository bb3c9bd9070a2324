using System.Runtime.InteropServices;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Json;
using Berth.Images.Manifests;

namespace Berth.Images.Transfer;

/// <summary>
/// Finds the images of a scanned archive: through <c>manifest.json</c> when there is one (a Docker archive, old or
/// new), otherwise through the OCI layout's <c>index.json</c> (nested indexes allowed; the host's platform chosen).
/// Every document reached by digest is checked against it.
/// </summary>
internal static class ArchiveManifests
{
    private const int MaxIndexDepth = 8;

    public static List<ArchiveImage> Read(ArchiveContents contents)
    {
        if (contents.Document("manifest.json") is { } manifest)
        {
            return FromDockerManifest(contents, manifest);
        }

        if (contents.Document("index.json") is { } index)
        {
            return FromOciIndex(contents, index);
        }

        throw Errors.InvalidArgument("invalid archive: does not contain a manifest.json or an index.json");
    }

    private static List<ArchiveImage> FromDockerManifest(ArchiveContents contents, byte[] json)
    {
        var items = Parse(json, ManifestJsonContext.Default.ListDockerArchiveManifest, "manifest.json")
            ?? throw Errors.InvalidArgument("invalid manifest, manifest cannot be null (but can be [])");
        var images = new List<ArchiveImage>();
        foreach (var item in items)
        {
            var configJson = contents.Document(item.Config) ?? throw Missing(item.Config);
            var config = Config(configJson);
            var diffIds = config.RootFs.DiffIds;
            if (item.Layers.Count != diffIds.Count)
            {
                throw Errors.InvalidArgument($"invalid manifest, layers length mismatch: expected {item.Layers.Count}, got {diffIds.Count}");
            }

            var layers = item.Layers.Select((path, i) => new ArchiveLayerRef(path, diffIds[i], null)).ToList();
            images.Add(new ArchiveImage(Digest.Compute(configJson), configJson, config, layers, item.RepoTags ?? [], item.Parent));
        }

        return images;
    }

    private static List<ArchiveImage> FromOciIndex(ArchiveContents contents, byte[] json)
    {
        var images = new List<ArchiveImage>();
        var skipped = new List<string>();
        Walk(contents, Parse(json, ManifestJsonContext.Default.OciManifest, "index.json")!, [], images, skipped, 0);
        if (images.Count == 0 && skipped.Count > 0)
        {
            throw Errors.NotFound($"no matching manifest for {HostPlatform} in the manifest list entries ({string.Join(", ", skipped.Distinct())})");
        }

        // Several index entries (one per tag) may name the same manifest: one image, every name.
        return images.GroupBy(i => i.Id)
            .Select(g => g.First() with { RepoTags = g.SelectMany(i => i.RepoTags).Distinct(StringComparer.Ordinal).ToList() })
            .ToList();
    }

    private static void Walk(ArchiveContents contents, OciManifest index, IReadOnlyList<string> names, List<ArchiveImage> images, List<string> skipped, int depth)
    {
        if (depth > MaxIndexDepth)
        {
            throw Errors.InvalidArgument("invalid archive: indexes nested too deep");
        }

        foreach (var descriptor in index.Manifests ?? [])
        {
            if (descriptor.Platform is { } platform && !MatchesHost(platform))
            {
                skipped.Add(platform.Os + "/" + platform.Architecture);
                continue;
            }

            var entryNames = Name(descriptor) is { } name ? [.. names, name] : names;
            var bytes = Blob(contents, descriptor);
            var document = Parse(bytes, ManifestJsonContext.Default.OciManifest, descriptor.Digest.ToString())!;
            var mediaType = document.MediaType ?? descriptor.MediaType;
            if (MediaTypes.IsIndex(mediaType) || (document.Manifests is not null && document.Config is null))
            {
                Walk(contents, document, entryNames, images, skipped, depth + 1);
            }
            else if (MediaTypes.IsManifest(mediaType) || document.Config is not null)
            {
                images.Add(FromOciManifest(contents, document, entryNames));
            }
        }
    }

    private static ArchiveImage FromOciManifest(ArchiveContents contents, OciManifest manifest, IReadOnlyList<string> names)
    {
        var configDescriptor = manifest.Config ?? throw Errors.InvalidArgument("invalid manifest: no config");
        var configJson = Blob(contents, configDescriptor);
        var config = Config(configJson);
        var descriptors = manifest.Layers ?? [];
        var diffIds = config.RootFs.DiffIds;
        if (descriptors.Count != diffIds.Count)
        {
            throw Errors.InvalidArgument($"invalid manifest, layers length mismatch: expected {descriptors.Count}, got {diffIds.Count}");
        }

        var layers = descriptors.Select((d, i) => new ArchiveLayerRef(ArchiveDocuments.BlobPath(d.Digest), diffIds[i], d.Digest)).ToList();
        return new ArchiveImage(configDescriptor.Digest, configJson, config, layers, names, null);
    }

    /// <summary>
    /// The reference an index entry names: containerd's full image name, or OCI's ref.name when that is a whole
    /// reference (skopeo writes "name:tag" there); a bare tag names no repository, so no image can be tagged with it.
    /// </summary>
    private static string? Name(OciDescriptor descriptor)
    {
        var annotations = descriptor.Annotations;
        if (annotations?.GetValueOrDefault(ArchiveDocuments.ImageNameAnnotation) is { Length: > 0 } full)
        {
            return full;
        }

        return annotations?.GetValueOrDefault(ArchiveDocuments.RefNameAnnotation) is { } refName && refName.AsSpan().ContainsAny(":/")
            && ImageRef.TryParse(refName, out _, out _)
            ? refName
            : null;
    }

    /// <summary>A document blob, checked against its descriptor's digest.</summary>
    private static byte[] Blob(ArchiveContents contents, OciDescriptor descriptor)
    {
        var path = ArchiveDocuments.BlobPath(descriptor.Digest);
        var bytes = contents.Document(path) ?? throw Missing(path);
        var actual = Digest.Compute(bytes);
        return actual == descriptor.Digest ? bytes : throw LocalContentStore.DigestMismatch(descriptor.Digest, actual);
    }

    private static ImageConfig Config(byte[] json)
    {
        var config = ImageConfigJson.Parse(json);
        if (config.Os is { Length: > 0 } os && os != "linux")
        {
            throw Errors.InvalidArgument($"cannot load {os} image on linux");
        }

        return config;
    }

    private static bool MatchesHost(OciPlatform platform) => platform.Os == "linux" && platform.Architecture == HostArchitecture;

    private static string HostPlatform => "linux/" + HostArchitecture;

    private static string HostArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static T? Parse<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            throw Errors.InvalidArgument($"invalid archive: failed to decode {what}: {e.Message}");
        }
    }

    private static BerthException Missing(string path) => Errors.InvalidArgument($"invalid archive: {path} is missing");
}
