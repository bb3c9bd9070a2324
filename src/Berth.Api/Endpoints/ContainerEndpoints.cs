using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Containers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>The /containers routes (moby's container router).</summary>
public static class ContainerEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var containers = engine.Containers;

        app.MapPost("/containers/create", async (HttpContext http) =>
        {
            var request = await Json.ReadAsync(http.Request, BerthJsonContext.Default.ContainerCreateRequest).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("config cannot be empty in order to create a container");
            if (string.IsNullOrEmpty(request.Image))
            {
                throw Errors.InvalidArgument("Config cannot be empty in order to create a container");
            }

            var record = await containers.CreateAsync(CreateRequestMapping.ToSpec(request, Query.String(http.Request, "name")), http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new ContainerCreateResponse { Id = record.Id }, BerthJsonContext.Default.ContainerCreateResponse, StatusCodes.Status201Created).ConfigureAwait(false);
        });

        app.MapGet("/containers/json", async (HttpContext http) =>
        {
            var request = http.Request;
            var limit = Query.Int(request, "limit") ?? (Query.Bool(request, "latest") ? 1 : 0);
            var size = Query.Bool(request, "size");
            var now = DateTime.UtcNow;
            var list = containers.List(Query.Bool(request, "all"), limit, Query.Filters(request))
                .Select(c => ContainerViews.Summary(c, now, size ? engine.Containers.SizeRw(c.Id) : null, size ? engine.Containers.SizeRootFs(c) : null))
                .ToList();
            await Json.WriteAsync(http.Response, list, BerthJsonContext.Default.ListContainerSummary).ConfigureAwait(false);
        });

        app.MapGet("/containers/{id}/json", async (HttpContext http, string id) =>
        {
            var record = containers.Get(id);
            var size = Query.Bool(http.Request, "size");
            var view = ContainerViews.Inspect(record, engine.Paths, engine.Execs.IdsOf(record.Id),
                size ? containers.SizeRw(record.Id) : null, size ? containers.SizeRootFs(record) : null);
            await Json.WriteAsync(http.Response, view, BerthJsonContext.Default.ContainerInspectResponse).ConfigureAwait(false);
        });

        app.MapPost("/containers/{id}/start", async (HttpContext http, string id) =>
        {
            await containers.StartAsync(id, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/stop", async (HttpContext http, string id) =>
        {
            await containers.StopAsync(id, Query.Int(http.Request, "t"), Query.String(http.Request, "signal"), CancellationToken.None).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/restart", async (HttpContext http, string id) =>
        {
            await containers.RestartAsync(id, Query.Int(http.Request, "t"), Query.String(http.Request, "signal"), CancellationToken.None).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/kill", async (HttpContext http, string id) =>
        {
            await containers.KillAsync(id, Query.String(http.Request, "signal"), CancellationToken.None).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/pause", async (HttpContext http, string id) =>
        {
            await containers.PauseAsync(id, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/unpause", async (HttpContext http, string id) =>
        {
            await containers.UnpauseAsync(id, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/rename", async (HttpContext http, string id) =>
        {
            await containers.RenameAsync(id, Query.String(http.Request, "name") ?? "").ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/{id}/update", async (HttpContext http, string id) =>
        {
            var update = await Json.ReadAsync(http.Request, BerthJsonContext.Default.HostConfig).ConfigureAwait(false) ?? new HostConfig();
            await containers.UpdateAsync(id, CreateRequestMapping.ToUpdate(update), http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new ContainerUpdateResponse(), BerthJsonContext.Default.ContainerUpdateResponse).ConfigureAwait(false);
        });

        app.MapPost("/containers/{id}/resize", (HttpContext http, string id) =>
        {
            var (rows, columns) = TerminalSize(http.Request);
            containers.Resize(id, rows, columns);
            return Results.Ok();
        });

        app.MapPost("/containers/{id}/wait", WaitAsync(containers));

        app.MapDelete("/containers/{id}", async (HttpContext http, string id) =>
        {
            if (Query.Bool(http.Request, "link"))
            {
                throw Errors.InvalidArgument("Conflict, cannot remove the default link name of the container");
            }

            await containers.RemoveAsync(id, Query.Bool(http.Request, "force"), Query.Bool(http.Request, "v"), CancellationToken.None).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/containers/prune", async (HttpContext http) =>
        {
            var (deleted, reclaimed) = await containers.PruneAsync(Query.Filters(http.Request), CancellationToken.None).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new ContainerPruneResponse { ContainersDeleted = [.. deleted], SpaceReclaimed = reclaimed },
                BerthJsonContext.Default.ContainerPruneResponse).ConfigureAwait(false);
        });

        app.MapGet("/containers/{id}/logs", (HttpContext http, string id) => LogStreaming.WriteAsync(http, engine, id));
    }

    /// <summary>
    /// /wait: the waiter is registered before the headers are flushed (docker run sends start only
    /// once it sees them), then the result follows when the condition is met.
    /// </summary>
    private static RequestDelegate WaitAsync(ContainerService containers) => async http =>
    {
        var id = (string)http.GetRouteValue("id")!;
        var condition = Query.String(http.Request, "condition") switch
        {
            null or "not-running" => WaitCondition.NotRunning,
            "next-exit" => WaitCondition.NextExit,
            "removed" => WaitCondition.Removed,
            var other => throw Errors.InvalidArgument($"invalid condition: \"{other}\""),
        };
        var pending = containers.BeginWait(id, condition);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        var result = await pending.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        var body = new ContainerWaitResponse
        {
            StatusCode = result.StatusCode,
            Error = result.Error is null ? null : new WaitExitError { Message = result.Error },
        };
        await http.Response.Body.WriteAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, BerthJsonContext.Default.ContainerWaitResponse)).ConfigureAwait(false);
        await http.Response.Body.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
    };

    public static (ushort Rows, ushort Columns) TerminalSize(HttpRequest request)
    {
        var h = Query.Int(request, "h") ?? 0;
        var w = Query.Int(request, "w") ?? 0;
        if (h < 0 || w < 0 || h > ushort.MaxValue || w > ushort.MaxValue)
        {
            throw Errors.InvalidArgument("invalid terminal size");
        }

        return ((ushort)h, (ushort)w);
    }
}
