using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Networks;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>The /networks routes.</summary>
public sealed class NetworkOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<NetworkCreateResponse> CreateAsync(NetworkCreateRequest request, CancellationToken ct) =>
        transport.PostJsonAsync("/networks/create", null, request, Json.NetworkCreateRequest, Json.NetworkCreateResponse, ct);

    public Task<List<NetworkResource>> ListAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        ContainerOperations.AddFilters(query, filters);
        return transport.GetJsonAsync("/networks", query, Json.ListNetworkResource, ct);
    }

    public Task<byte[]> InspectRawAsync(string name, bool verbose, string? scope, CancellationToken ct) =>
        transport.GetBytesAsync($"/networks/{name}", new QueryString().SetFlag("verbose", verbose).SetIfNotEmpty("scope", scope), ct);

    public async Task<NetworkResource> InspectAsync(string name, CancellationToken ct) =>
        JsonSerializer.Deserialize(await InspectRawAsync(name, false, null, ct).ConfigureAwait(false), Json.NetworkResource) ?? new NetworkResource();

    public Task RemoveAsync(string name, CancellationToken ct) => transport.DeleteAsync($"/networks/{name}", null, ct);

    public async Task ConnectAsync(string network, NetworkConnectRequest request, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Post, $"/networks/{network}/connect", content: ApiTransport.JsonBody(request, Json.NetworkConnectRequest), ct: ct).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(string network, NetworkDisconnectRequest request, CancellationToken ct)
    {
        using var response = await transport.SendAsync(HttpMethod.Post, $"/networks/{network}/disconnect", content: ApiTransport.JsonBody(request, Json.NetworkDisconnectRequest), ct: ct).ConfigureAwait(false);
    }

    public Task<NetworkPruneResponse> PruneAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        ContainerOperations.AddFilters(query, filters);
        return transport.PostForJsonAsync("/networks/prune", query, Json.NetworkPruneResponse, ct);
    }
}
