using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Volumes;
using Berth.Api.Http;
using Berth.Engine;
using Berth.Engine.Volumes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>The /volumes routes.</summary>
public static class VolumeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var volumes = engine.Volumes;

        app.MapPost("/volumes/create", async (HttpContext http) =>
        {
            var request = await Json.ReadAsync(http.Request, BerthJsonContext.Default.VolumeCreateRequest).ConfigureAwait(false) ?? new VolumeCreateRequest();
            var (volume, _) = await volumes.CreateAsync(request.Name, request.Driver, request.DriverOpts, request.Labels).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, View(volume, volumes), BerthJsonContext.Default.Volume, StatusCodes.Status201Created).ConfigureAwait(false);
        });

        app.MapGet("/volumes", async (HttpContext http) =>
        {
            var list = volumes.List(Query.Filters(http.Request)).Select(v => View(v, volumes)).ToList();
            await Json.WriteAsync(http.Response, new VolumeListResponse { Volumes = list, Warnings = null }, BerthJsonContext.Default.VolumeListResponse).ConfigureAwait(false);
        });

        app.MapGet("/volumes/{name}", (HttpContext http, string name) =>
            Json.WriteAsync(http.Response, View(volumes.Get(name), volumes), BerthJsonContext.Default.Volume));

        app.MapDelete("/volumes/{name}", async (HttpContext http, string name) =>
        {
            await volumes.RemoveAsync(name, Query.Bool(http.Request, "force")).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/volumes/prune", async (HttpContext http) =>
        {
            // from API 1.42 on, prune takes only anonymous volumes unless all=true
            var anonymousOnly = RequestVersion.Get(http) >= new ApiVersion(1, 42);
            var (deleted, reclaimed) = await volumes.PruneAsync(Query.Filters(http.Request), anonymousOnly).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new VolumePruneResponse { VolumesDeleted = [.. deleted], SpaceReclaimed = reclaimed },
                BerthJsonContext.Default.VolumePruneResponse).ConfigureAwait(false);
        });
    }

    public static Volume View(VolumeRecord v, VolumeService volumes) => new()
    {
        Name = v.Name,
        Driver = v.Driver,
        Mountpoint = volumes.MountpointOf(v.Name),
        CreatedAt = v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Labels = new Dictionary<string, string>(v.Labels),
        Options = v.Options.Count == 0 ? null : new Dictionary<string, string>(v.Options),
        Scope = "local",
    };
}
