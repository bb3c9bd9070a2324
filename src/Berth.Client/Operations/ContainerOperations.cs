using System.Globalization;
using System.Text.Json;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Client.Hijack;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>The /containers routes, each sent as the docker CLI sends it.</summary>
public sealed class ContainerOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<ContainerCreateResponse> CreateAsync(ContainerCreateRequest request, string? name, string? platform, CancellationToken ct)
    {
        var query = new QueryString().SetIfNotEmpty("name", name).SetIfNotEmpty("platform", platform);
        return transport.PostJsonAsync("/containers/create", query, request, Berth.Client.Json.RequestJsonContext.Default.ContainerCreateRequest, Json.ContainerCreateResponse, ct);
    }

    /// <summary>The inspect body as the daemon sent it.</summary>
    public Task<byte[]> InspectRawAsync(string id, bool size, CancellationToken ct) =>
        transport.GetBytesAsync($"/containers/{id}/json", new QueryString().SetFlag("size", size), ct);

    public async Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken ct)
    {
        var raw = await InspectRawAsync(id, size: false, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(raw, Json.ContainerInspectResponse) ?? new ContainerInspectResponse();
    }

    public Task<List<ContainerSummary>> ListAsync(bool all, int limit, bool size, FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString().SetFlag("all", all).SetFlag("size", size);
        if (limit > 0)
        {
            query.Set("limit", limit.ToString(CultureInfo.InvariantCulture));
        }

        AddFilters(query, filters);
        return transport.GetJsonAsync("/containers/json", query, Json.ListContainerSummary, ct);
    }

    public Task StartAsync(string id, CancellationToken ct) => transport.PostAsync($"/containers/{id}/start", null, ct);

    public async Task StopAsync(string id, string? signal, int? timeoutSeconds, CancellationToken ct) =>
        await transport.PostAsync($"/containers/{id}/stop", await StopQueryAsync(signal, timeoutSeconds, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public async Task RestartAsync(string id, string? signal, int? timeoutSeconds, CancellationToken ct) =>
        await transport.PostAsync($"/containers/{id}/restart", await StopQueryAsync(signal, timeoutSeconds, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public Task KillAsync(string id, string? signal, CancellationToken ct) =>
        transport.PostAsync($"/containers/{id}/kill", new QueryString().SetIfNotEmpty("signal", signal), ct);

    public Task PauseAsync(string id, CancellationToken ct) => transport.PostAsync($"/containers/{id}/pause", null, ct);

    public Task UnpauseAsync(string id, CancellationToken ct) => transport.PostAsync($"/containers/{id}/unpause", null, ct);

    public Task RenameAsync(string id, string newName, CancellationToken ct) =>
        transport.PostAsync($"/containers/{id}/rename", new QueryString().Set("name", newName), ct);

    public Task RemoveAsync(string id, bool force, bool volumes, bool link, CancellationToken ct)
    {
        var query = new QueryString().SetFlag("v", volumes).SetFlag("link", link).SetFlag("force", force);
        return transport.DeleteAsync($"/containers/{id}", query, ct);
    }

    public Task<ContainerPruneResponse> PruneAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        AddFilters(query, filters);
        return transport.PostForJsonAsync("/containers/prune", query, Json.ContainerPruneResponse, ct);
    }

    public Task<ContainerTopResponse> TopAsync(string id, string? psArgs, CancellationToken ct) =>
        transport.GetJsonAsync($"/containers/{id}/top", new QueryString().SetIfNotEmpty("ps_args", psArgs), Json.ContainerTopResponse, ct);

    public Task ResizeAsync(string id, uint height, uint width, CancellationToken ct) =>
        transport.PostAsync($"/containers/{id}/resize", ResizeQuery(height, width), ct);

    public async Task<StreamResponse> LogsAsync(string id, LogsOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryString()
            .SetFlag("stdout", options.Stdout)
            .SetFlag("stderr", options.Stderr)
            .SetIfNotEmpty("since", options.Since)
            .SetIfNotEmpty("until", options.Until)
            .SetFlag("timestamps", options.Timestamps)
            .SetFlag("details", options.Details)
            .SetFlag("follow", options.Follow)
            .Set("tail", options.Tail);
        var response = await transport.SendAsync(HttpMethod.Get, $"/containers/{id}/logs", query, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public Task<HijackedConnection> AttachAsync(string id, bool stdin, bool stdout, bool stderr, string? detachKeys, CancellationToken ct)
    {
        var query = new QueryString()
            .Set("stream", "1")
            .SetFlag("stdin", stdin)
            .SetFlag("stdout", stdout)
            .SetFlag("stderr", stderr)
            .SetIfNotEmpty("detachKeys", detachKeys);
        return transport.HijackAsync($"/containers/{id}/attach", query, "text/plain", null, ct);
    }

    /// <summary>
    /// POST /wait returns once the daemon flushed its headers (the waiter is registered then);
    /// the returned task completes with the exit status.
    /// </summary>
    public async Task<Task<ContainerWaitResponse>> WaitAsync(string id, string? condition, CancellationToken ct)
    {
        var query = new QueryString().SetIfNotEmpty("condition", condition);
        var response = await transport.SendAsync(HttpMethod.Post, $"/containers/{id}/wait", query, streaming: true, ct: ct).ConfigureAwait(false);
        return ReadWaitAsync(response, ct);
    }

    public async Task<StreamResponse> ExportAsync(string id, CancellationToken ct)
    {
        var response = await transport.SendAsync(HttpMethod.Get, $"/containers/{id}/export", streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public async Task<StreamResponse> StatsAsync(string id, bool stream, CancellationToken ct)
    {
        var query = new QueryString().Set("stream", stream ? "1" : "0");
        var response = await transport.SendAsync(HttpMethod.Get, $"/containers/{id}/stats", query, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public Task<List<FilesystemChange>> ChangesAsync(string id, CancellationToken ct) =>
        transport.GetJsonAsync($"/containers/{id}/changes", null, Json.ListFilesystemChange, ct);

    /// <summary>POST /commit: repository, tag, comment and author are always sent, as the docker CLI sends them.</summary>
    public Task<IdResponse> CommitAsync(string id, CommitOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryString()
            .Set("container", id)
            .Set("repo", options.Repository ?? "")
            .Set("tag", options.Tag ?? "")
            .Set("comment", options.Comment ?? "")
            .Set("author", options.Author ?? "");
        foreach (var change in options.Changes)
        {
            query.Add("changes", change);
        }

        if (!options.Pause)
        {
            query.Set("pause", "0");
        }

        return options.Config is { } config
            ? transport.PostJsonAsync("/commit", query, config, Json.ContainerConfig, Json.IdResponse, ct)
            : transport.PostForJsonAsync("/commit", query, Json.IdResponse, ct);
    }

    /// <summary>POST /containers/{id}/update: resources and restart policy (the HostConfig fields of the same names).</summary>
    public async Task<ContainerUpdateResponse> UpdateAsync(string id, HostConfig update, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Post, $"/containers/{id}/update", content: ApiTransport.JsonBody(update, Json.HostConfig), ct: ct).ConfigureAwait(false);
        return await ApiTransport.ReadJsonAsync(response, Json.ContainerUpdateResponse, ct).ConfigureAwait(false);
    }

    /// <summary>HEAD /containers/{id}/archive: the path's stat, base64 JSON in X-Docker-Container-Path-Stat.</summary>
    public async Task<PathStat> StatPathAsync(string id, string path, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Head, $"/containers/{id}/archive", new QueryString().Set("path", path), ct: ct).ConfigureAwait(false);
        return PathStat.FromHeader(response.Headers.TryGetValues("X-Docker-Container-Path-Stat", out var values) ? values.FirstOrDefault() : null);
    }

    /// <summary>GET /containers/{id}/archive: a tar of <paramref name="path"/> and its stat in a header.</summary>
    public async Task<(StreamResponse Archive, PathStat Stat)> GetArchiveAsync(string id, string path, CancellationToken ct)
    {
        var response = await transport.SendAsync(HttpMethod.Get, $"/containers/{id}/archive", new QueryString().Set("path", path), streaming: true, ct: ct).ConfigureAwait(false);
        var stat = PathStat.FromHeader(response.Headers.TryGetValues("X-Docker-Container-Path-Stat", out var values) ? values.FirstOrDefault() : null);
        return (await StreamResponse.FromAsync(response, ct).ConfigureAwait(false), stat);
    }

    public async Task PutArchiveAsync(string id, string path, Stream tar, bool copyUidGid, CancellationToken ct)
    {
        var query = new QueryString().Set("path", path).Set("noOverwriteDirNonDir", "true");
        if (copyUidGid)
        {
            query.Set("copyUIDGID", "true");
        }

        using var content = new ChunkedContent(tar, "application/x-tar");
        using var response = await transport.SendAsync(HttpMethod.Put, $"/containers/{id}/archive", query, content, ct: ct).ConfigureAwait(false);
    }

    internal static QueryString ResizeQuery(uint height, uint width) =>
        new QueryString().Set("h", height.ToString(CultureInfo.InvariantCulture)).Set("w", width.ToString(CultureInfo.InvariantCulture));

    internal static void AddFilters(QueryString query, FilterArgs? filters)
    {
        if (filters is { Count: > 0 })
        {
            query.Set("filters", filters.ToJson());
        }
    }

    private async Task<QueryString> StopQueryAsync(string? signal, int? timeoutSeconds, CancellationToken ct)
    {
        var query = new QueryString();
        if (timeoutSeconds is { } seconds)
        {
            query.Set("t", seconds.ToString(CultureInfo.InvariantCulture));
        }

        // the signal parameter exists from API 1.42 on
        if (!string.IsNullOrEmpty(signal) && !ApiVersions.LessThan(await transport.ApiVersionAsync(ct).ConfigureAwait(false), "1.42"))
        {
            query.Set("signal", signal);
        }

        return query;
    }

    private static async Task<ContainerWaitResponse> ReadWaitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            return await ApiTransport.ReadJsonAsync(response, Json.ContainerWaitResponse, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>What GET /containers/{id}/logs should return.</summary>
public sealed record LogsOptions(
    bool Stdout = true,
    bool Stderr = true,
    string? Since = null,
    string? Until = null,
    bool Timestamps = false,
    bool Details = false,
    bool Follow = false,
    string Tail = "all");

/// <summary>POST /commit parameters.</summary>
public sealed record CommitOptions(string? Repository, string? Tag, string? Comment, string? Author, IReadOnlyList<string> Changes, bool Pause, ContainerConfig? Config);
