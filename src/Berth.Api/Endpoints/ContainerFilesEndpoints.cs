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

/// <summary>A container's files: POST /commit, GET /containers/{id}/export and /changes, and /containers/{id}/archive (docker cp).</summary>
public static class ContainerFilesEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var containers = engine.Containers;

        app.MapPost("/commit", async (HttpContext http) =>
        {
            var request = http.Request;
            var container = Query.String(request, "container") ?? "";
            var config = await Json.ReadAsync(request, BerthJsonContext.Default.ContainerConfig).ConfigureAwait(false);

            // moby: pause defaults to true when the parameter is absent.
            var pause = Query.BoolOrNull(request, "pause") ?? true;
            var commit = new CommitRequest(
                Query.String(request, "repo"),
                Query.String(request, "tag"),
                Query.String(request, "comment"),
                Query.String(request, "author"),
                request.Query["changes"].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).ToList(),
                pause,
                config is null ? null : CommitMapping.ToImageConfig(config),
                ResponseHeaders.ServerVersion);
            var id = await containers.CommitAsync(container, commit, http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new IdResponse { Id = id }, BerthJsonContext.Default.IdResponse, StatusCodes.Status201Created).ConfigureAwait(false);
        });

        app.MapGet("/containers/{id}/export", async (HttpContext http, string id) =>
        {
            containers.Get(id);
            http.Response.ContentType = "application/x-tar";
            await containers.ExportAsync(id, http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        });

        app.MapGet("/containers/{id}/changes", async (HttpContext http, string id) =>
        {
            var changes = containers.Changes(id).Select(c => new FilesystemChange { Path = c.Path, Kind = (int)c.Kind }).ToList();
            await Json.WriteAsync(http.Response, changes, BerthJsonContext.Default.ListFilesystemChange).ConfigureAwait(false);
        });

        app.MapMethods("/containers/{id}/archive", ["HEAD"], async (HttpContext http, string id) =>
        {
            var stat = await containers.StatPathAsync(id, ArchivePath(http.Request), http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers[PathStatHeader.Name] = PathStatHeader.Value(stat);
        });

        app.MapGet("/containers/{id}/archive", (HttpContext http, string id) =>
            containers.ArchivePathAsync(id, ArchivePath(http.Request), stat =>
            {
                http.Response.Headers[PathStatHeader.Name] = PathStatHeader.Value(stat);
                http.Response.ContentType = "application/x-tar";
                return http.Response.Body;
            }, http.RequestAborted));

        app.MapPut("/containers/{id}/archive", (HttpContext http, string id) =>
            containers.ExtractToDirAsync(id, ArchivePath(http.Request), http.Request.Body,
                Query.Bool(http.Request, "copyUIDGID"), Query.Bool(http.Request, "noOverwriteDirNonDir"), http.RequestAborted));
    }

    /// <summary>moby's ArchiveFormValues: the path is required.</summary>
    private static string ArchivePath(HttpRequest request) =>
        Query.String(request, "path") ?? throw Errors.InvalidArgument("bad parameter: path cannot be empty");
}
