using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Manifests;
using Berth.Registry.Json;

namespace Berth.Registry.Http;

/// <summary>
/// The distribution API of one repository (OCI distribution-spec): manifests, blobs and uploads, each request
/// authorized by the session's <see cref="Auth.RegistryAuthenticator"/> and retried once after a 401 when a new
/// token was obtained (requests are rebuilt, so nothing is sent twice from a consumed stream).
/// </summary>
public sealed class RepositoryClient(HttpClient http, RegistryEndpoint endpoint, string repository, Auth.RegistryAuthenticator auth)
{
    private static readonly string[] ManifestTypes =
        [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest];

    public RegistryEndpoint Endpoint => endpoint;

    /// <summary>The repository path inside the registry: <c>library/busybox</c>.</summary>
    public string Repository => repository;

    /// <summary>GET /v2/NAME/manifests/REF, its bytes checked against the digest when REF is one. NotFound if there is none.</summary>
    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken ct)
    {
        var uri = Api($"manifests/{reference}");
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var type in ManifestTypes)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var digest = Digest.Compute(bytes);
        if (Digest.TryParse(reference, out var wanted) && wanted != digest)
        {
            throw Errors.InvalidArgument($"manifest verification failed for digest {wanted}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return new FetchedManifest(bytes, digest, mediaType);
    }

    /// <summary>GET /v2/NAME/tags/list, following the registry's Link header across pages.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct)
    {
        var tags = new List<string>();
        Uri? next = Api("tags/list");
        while (next is not null)
        {
            var uri = next;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
            }

            var list = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), RegistryJsonContext.Default.TagList, ct).ConfigureAwait(false);
            tags.AddRange(list?.Tags ?? []);
            next = NextPage(response);
        }

        return tags;
    }

    /// <summary>GET /v2/NAME/blobs/DIGEST, headers read and the body left to stream (redirects to storage followed).</summary>
    public async Task<HttpResponseMessage> GetBlobAsync(Digest digest, CancellationToken ct)
    {
        var uri = Api($"blobs/{digest}");
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>HEAD /v2/NAME/blobs/DIGEST: the blob's size if the repository has it, else null.</summary>
    public async Task<long?> BlobSizeAsync(Digest digest, CancellationToken ct)
    {
        var uri = Api($"blobs/{digest}");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, uri), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }

        return response.Content.Headers.ContentLength ?? 0;
    }

    /// <summary>
    /// POST /v2/NAME/blobs/uploads/, with <c>?mount=&amp;from=</c> to mount a blob of another repository: null when the
    /// blob was mounted (201), else the location of the upload session the registry opened (202).
    /// </summary>
    public async Task<Uri?> StartUploadAsync(Digest? mount, string? from, CancellationToken ct)
    {
        var query = mount is { } digest && from is not null ? $"?mount={digest}&from={Uri.EscapeDataString(from)}" : "";
        var uri = Api("blobs/uploads/" + query);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && mount is not null)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }

        return Location(response);
    }

    /// <summary>PATCH one chunk at <paramref name="offset"/> (Content-Range); returns where the upload continues.</summary>
    public async Task<Uri> UploadChunkAsync(Uri location, ReadOnlyMemory<byte> chunk, long offset, CancellationToken ct)
    {
        using var response = await SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(chunk);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + chunk.Length - 1}");
            return new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }

        return Location(response);
    }

    /// <summary>PUT location?digest=, with the last bytes (a monolithic upload) or none (closing a chunked one).</summary>
    public async Task CompleteUploadAsync(Uri location, Digest digest, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var separator = location.Query.Length > 0 ? "&" : "?";
        var uri = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
        using var response = await SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>DELETE an upload session that is no longer wanted; failures are ignored (the registry expires it).</summary>
    public async Task CancelUploadAsync(Uri location, CancellationToken ct)
    {
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, location), HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (BerthException)
        {
        }
    }

    /// <summary>PUT /v2/NAME/manifests/TAG; returns the digest of the bytes (checked against Docker-Content-Digest).</summary>
    public async Task<Digest> PutManifestAsync(string tag, byte[] manifest, string mediaType, CancellationToken ct)
    {
        var uri = Api($"manifests/{tag}");
        using var response = await SendAsync(() =>
        {
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
        }

        var digest = Digest.Compute(manifest);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault(), out var told) && told != digest)
        {
            throw Errors.Internal($"manifest digest mismatch: pushed {digest}, registry stored {told}");
        }

        return digest;
    }

    /// <summary>The <c>rel="next"</c> target of an RFC 5988 Link header, as the distribution API paginates.</summary>
    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open >= 0 && close > open && link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return new Uri(endpoint.BaseUri, link[(open + 1)..close]);
            }
        }

        return null;
    }

    private Uri Api(string path) => new(endpoint.BaseUri, $"v2/{repository}/{path}");

    private Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw Errors.Internal($"registry {endpoint.Host} sent no Location for the upload");
        return location.IsAbsoluteUri ? location : new Uri(endpoint.BaseUri, location);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            HttpResponseMessage response;
            try
            {
                await auth.AuthorizeAsync(request, ct).ConfigureAwait(false);
                response = await http.SendAsync(request, completion, ct).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0 || !await auth.RenewAsync(response, ct).ConfigureAwait(false))
                {
                    return response;
                }
            }
            catch (HttpRequestException e)
            {
                throw RegistryErrors.Unreachable(request.Method, request.RequestUri!, e);
            }
            catch (BerthException e)
            {
                throw RegistryErrors.Transfer(e);
            }

            response.Dispose();
        }
    }
}
