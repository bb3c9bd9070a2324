using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>Watching the engine and its containers: /events, and a container's top, stats and changes.</summary>
public static class MonitoringEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapGet("/events", (HttpContext http) => EventStreaming.WriteAsync(http, engine));
    }
}
