using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.System;
using Berth.Client.Transport;

namespace Berth.Client.Operations;

/// <summary>/version, /info, /events, /system/df, /auth.</summary>
public sealed class SystemOperations(ApiTransport transport)
{
    private static BerthJsonContext Json => BerthJsonContext.Default;

    public Task<SystemVersion> VersionAsync(CancellationToken ct) => transport.GetJsonAsync("/version", null, Json.SystemVersion, ct);

    public Task<SystemInfo> InfoAsync(CancellationToken ct) => transport.GetJsonAsync("/info", null, Json.SystemInfo, ct);

    public Task<byte[]> InfoRawAsync(CancellationToken ct) => transport.GetBytesAsync("/info", null, ct);

    public Task<DiskUsage> DiskUsageAsync(CancellationToken ct) => transport.GetJsonAsync("/system/df", null, Json.DiskUsage, ct);

    public async Task<StreamResponse> EventsAsync(string? since, string? until, FilterArgs? filters, CancellationToken ct)
    {
        var query = new QueryString().SetIfNotEmpty("since", since).SetIfNotEmpty("until", until);
        ContainerOperations.AddFilters(query, filters);
        var response = await transport.SendAsync(HttpMethod.Get, "/events", query, streaming: true, ct: ct).ConfigureAwait(false);
        return await StreamResponse.FromAsync(response, ct).ConfigureAwait(false);
    }

    public Task<AuthResponse> AuthAsync(AuthConfig config, CancellationToken ct) =>
        transport.PostJsonAsync("/auth", null, config, Json.AuthConfig, Json.AuthResponse, ct);
}
