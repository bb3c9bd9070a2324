using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Volumes;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>The /volumes routes.</summary>
public sealed class VolumeOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<Volume> CreateAsync(VolumeCreateRequest request, CancellationToken ct) =>
        transport.PostJsonAsync("/volumes/create", null, request, Json.VolumeCreateRequest, Json.Volume, ct);

    public Task<VolumeListResponse> ListAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        ContainerOperations.AddFilters(query, filters);
        return transport.GetJsonAsync("/volumes", query, Json.VolumeListResponse, ct);
    }

    public Task<byte[]> InspectRawAsync(string name, CancellationToken ct) => transport.GetBytesAsync($"/volumes/{name}", null, ct);

    public async Task<Volume> InspectAsync(string name, CancellationToken ct) =>
        JsonSerializer.Deserialize(await InspectRawAsync(name, ct).ConfigureAwait(false), Json.Volume) ?? new Volume();

    public Task RemoveAsync(string name, bool force, CancellationToken ct) =>
        transport.DeleteAsync($"/volumes/{name}", new QueryString().SetFlag("force", force), ct);

    public Task<VolumePruneResponse> PruneAsync(FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString();
        ContainerOperations.AddFilters(query, filters);
        return transport.PostForJsonAsync("/volumes/prune", query, Json.VolumePruneResponse, ct);
    }
}
