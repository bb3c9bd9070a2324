using System.Text.Json;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Client.Hijack;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>POST /containers/{id}/exec and the /exec routes.</summary>
public sealed class ExecOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<IdResponse> CreateAsync(string container, ExecConfig config, CancellationToken ct) =>
        transport.PostJsonAsync($"/containers/{container}/exec", null, config, Json.ExecConfig, Json.IdResponse, ct);

    /// <summary>exec -d: a plain POST, no upgrade.</summary>
    public async Task StartDetachedAsync(string execId, ExecStartConfig config, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Post, $"/exec/{execId}/start", content: ApiTransport.JsonBody(config, Json.ExecStartConfig), ct: ct).ConfigureAwait(false);
    }

    /// <summary>exec start with Upgrade: tcp and a JSON body (what Kestrel's upgrade feature cannot serve).</summary>
    public Task<HijackedConnection> AttachAsync(string execId, ExecStartConfig config, CancellationToken ct) =>
        transport.HijackAsync($"/exec/{execId}/start", null, "application/json", JsonSerializer.SerializeToUtf8Bytes(config, Json.ExecStartConfig), ct);

    public Task<ExecInspectResponse> InspectAsync(string execId, CancellationToken ct) =>
        transport.GetJsonAsync($"/exec/{execId}/json", null, Json.ExecInspectResponse, ct);

    public Task ResizeAsync(string execId, uint height, uint width, CancellationToken ct) =>
        transport.PostAsync($"/exec/{execId}/resize", ContainerOperations.ResizeQuery(height, width), ct);
}
