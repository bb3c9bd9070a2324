using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Json;
using Berth.Images.Manifests;
using Berth.Registry.Http;

namespace Berth.Registry.Pull;

/// <summary>
/// Finds the image manifest a reference names: fetches it by tag or digest, and when that is an index (OCI image
/// index or Docker manifest list) picks the entry for the wanted platform and fetches that by digest.
/// </summary>
internal static class ManifestResolver
{
    /// <returns>The manifest, and the digest of what the reference named (the index's, for a multi-platform image).</returns>
    public static async Task<(OciManifest Manifest, Digest NamedDigest)> ResolveAsync(RepositoryClient repository, string familiar, string reference, PlatformSpec platform, CancellationToken ct)
    {
        var top = await FetchAsync(repository, familiar, reference, ct).ConfigureAwait(false);
        var document = Parse(top);
        if (!IsIndex(top, document))
        {
            return (Checked(top, document), top.Digest);
        }

        var entry = document.Manifests!.FirstOrDefault(m => MediaTypes.IsManifest(m.MediaType) && platform.Matches(m.Platform))
            ?? throw Errors.NotFound($"no matching manifest for {platform} in the manifest list entries");
        var chosen = await FetchAsync(repository, familiar, entry.Digest.ToString(), ct).ConfigureAwait(false);
        return (Checked(chosen, Parse(chosen)), top.Digest);
    }

    private static async Task<FetchedManifest> FetchAsync(RepositoryClient repository, string familiar, string reference, CancellationToken ct)
    {
        try
        {
            return await repository.GetManifestAsync(reference, ct).ConfigureAwait(false);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && e.Message.StartsWith("manifest unknown", StringComparison.Ordinal))
        {
            var separator = Digest.TryParse(reference, out _) ? "@" : ":";
            throw new BerthException(ErrorKind.NotFound, $"manifest for {familiar}{separator}{reference} not found: {e.Message}", e);
        }
        catch (BerthException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            throw new BerthException(ErrorKind.NotFound, $"pull access denied for {familiar}, repository does not exist or may require 'docker login': {e.Message}", e);
        }
    }

    private static OciManifest Parse(FetchedManifest fetched)
    {
        try
        {
            return JsonSerializer.Deserialize(fetched.Bytes, ManifestJsonContext.Default.OciManifest)
                ?? throw Errors.InvalidArgument("invalid manifest: null");
        }
        catch (JsonException e)
        {
            throw Errors.InvalidArgument($"invalid manifest: {e.Message}");
        }
    }

    private static bool IsIndex(FetchedManifest fetched, OciManifest document) =>
        MediaTypes.IsIndex(fetched.MediaType) || MediaTypes.IsIndex(document.MediaType) || (document.Manifests is not null && document.Layers is null);

    private static OciManifest Checked(FetchedManifest fetched, OciManifest manifest)
    {
        if (manifest.SchemaVersion != 2 || manifest.Config is null || manifest.Layers is null)
        {
            var type = manifest.MediaType ?? fetched.MediaType;
            throw Errors.InvalidArgument(manifest.SchemaVersion == 1
                ? "Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed."
                : $"unsupported manifest media type {type}");
        }

        return manifest;
    }
}
