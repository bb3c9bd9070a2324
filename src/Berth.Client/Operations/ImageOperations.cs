using System.Text.Json;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>The /images routes.</summary>
public sealed class ImageOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<List<ImageSummary>> ListAsync(bool all, FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString().SetFlag("all", all);
        ContainerOperations.AddFilters(query, filters);
        return transport.GetJsonAsync("/images/json", query, Json.ListImageSummary, ct);
    }

    public Task<byte[]> InspectRawAsync(string name, CancellationToken ct) => transport.GetBytesAsync($"/images/{name}/json", null, ct);

    public async Task<ImageInspectResponse> InspectAsync(string name, CancellationToken ct)
    {
        var raw = await InspectRawAsync(name, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(raw, Json.ImageInspectResponse) ?? new ImageInspectResponse();
    }

    public async Task<List<ImageDeleteResponseItem>> RemoveAsync(string name, bool force, bool noPrune, CancellationToken ct)
    {
        var query = new QueryString().SetFlag("force", force).SetFlag("noprune", noPrune);
        using var response = await transport.SendAsync(HttpMethod.Delete, $"/images/{name}", query, ct: ct).ConfigureAwait(false);
        return await ApiTransport.ReadJsonAsync(response, Json.ListImageDeleteResponseItem, ct).ConfigureAwait(false);
    }

    /// <summary>POST /images/{source}/tag?repo=&amp;tag= (the repository fully qualified, as the CLI sends it).</summary>
    public Task TagAsync(string source, string repository, string tag, CancellationToken ct) =>
        transport.PostAsync($"/images/{source}/tag", new QueryString().Set("repo", repository).SetIfNotEmpty("tag", tag), ct);

    public Task<ImagePruneResponse> PruneAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        ContainerOperations.AddFilters(query, filters);
        return transport.PostForJsonAsync("/images/prune", query, Json.ImagePruneResponse, ct);
    }

    public Task<List<ImageHistoryItem>> HistoryAsync(string name, CancellationToken ct) =>
        transport.GetJsonAsync($"/images/{name}/history", null, Json.ListImageHistoryItem, ct);

    /// <summary>POST /images/create?fromSrc=-: the tar streams up with chunked encoding, progress streams back.</summary>
    public async Task<StreamResponse> ImportAsync(Stream source, string repository, string? message, IReadOnlyList<string> changes, string? platform, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var query = new QueryString().Set("fromSrc", "-").SetIfNotEmpty("repo", repository).SetIfNotEmpty("message", message).SetIfNotEmpty("platform", platform);
        foreach (var change in changes)
        {
            query.Add("changes", change);
        }

        var content = new ChunkedContent(source, "text/plain");
        var response = await transport.SendAsync(HttpMethod.Post, "/images/create", query, content, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>POST /images/create?fromImage=&amp;tag= (a pull).</summary>
    public async Task<StreamResponse> PullAsync(string fromImage, string tag, string? platform, string registryAuth, CancellationToken ct)
    {
        var query = new QueryString().Set("fromImage", fromImage).SetIfNotEmpty("tag", tag).SetIfNotEmpty("platform", platform);
        var headers = new Dictionary<string, string> { ["X-Registry-Auth"] = registryAuth };
        var response = await transport.SendAsync(HttpMethod.Post, "/images/create", query, headers: headers, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public async Task<StreamResponse> PushAsync(string name, string tag, string registryAuth, CancellationToken ct)
    {
        var query = new QueryString().SetIfNotEmpty("tag", tag);
        var headers = new Dictionary<string, string> { ["X-Registry-Auth"] = registryAuth };
        var response = await transport.SendAsync(HttpMethod.Post, $"/images/{name}/push", query, headers: headers, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public async Task<StreamResponse> LoadAsync(Stream tar, bool quiet, CancellationToken ct)
    {
        var content = new ChunkedContent(tar, "application/x-tar");
        var query = new QueryString().SetFlag("quiet", quiet);
        var response = await transport.SendAsync(HttpMethod.Post, "/images/load", query, content, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public async Task<StreamResponse> SaveAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(names);
        var query = new QueryString();
        foreach (var name in names)
        {
            query.Add("names", name);
        }

        var response = await transport.SendAsync(HttpMethod.Get, "/images/get", query, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }
}
