using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>Watching the engine and its containers: /events, and a container's top, stats and changes.</summary>
public static class MonitoringEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine, HostFacts host)
    {
        app.MapGet("/events", (HttpContext http) => EventStreaming.WriteAsync(http, engine));

        app.MapGet("/containers/{id}/top", async (HttpContext http, string id) =>
        {
            var list = await engine.Containers.TopAsync(id, Query.String(http.Request, "ps_args"), http.RequestAborted).ConfigureAwait(false);
            var response = new ContainerTopResponse { Titles = [.. list.Titles], Processes = [.. list.Processes.Select(p => p.ToList())] };
            await Json.WriteAsync(http.Response, response, BerthJsonContext.Default.ContainerTopResponse).ConfigureAwait(false);
        });

        app.MapGet("/containers/{id}/stats", (HttpContext http, string id) => StatsStreaming.WriteAsync(http, engine, host, id));
    }
}
