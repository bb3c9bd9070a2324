using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Streams;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Core.Errors;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>The /images routes. Image names contain '/' and ':', so /images/{**rest} is split by its last verb.</summary>
public static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var images = engine.Images;

        app.MapGet("/images/json", async (HttpContext http) =>
        {
            var version = RequestVersion.Get(http);
            var list = images.List(Query.Filters(http.Request))
                .Select(i => ImageViews.Summary(i, null, version))
                .ToList();
            await Json.WriteAsync(http.Response, list, BerthJsonContext.Default.ListImageSummary).ConfigureAwait(false);
        });

        app.MapPost("/images/create", (HttpContext http) => CreateAsync(http, engine));

        app.MapPost("/images/prune", async (HttpContext http) =>
        {
            var filters = Query.Filters(http.Request);
            var (deleted, reclaimed) = await images.PruneAsync(false, filters, CancellationToken.None).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new ImagePruneResponse
            {
                ImagesDeleted = deleted.Select(d => new ImageDeleteResponseItem { Untagged = d.Untagged, Deleted = d.Deleted }).ToList(),
                SpaceReclaimed = reclaimed,
            }, BerthJsonContext.Default.ImagePruneResponse).ConfigureAwait(false);
        });

        app.MapGet("/images/{**rest}", async (HttpContext http, string rest) =>
        {
            if (rest.EndsWith("/json", StringComparison.Ordinal))
            {
                var image = images.Resolve(rest[..^"/json".Length]);
                var view = ImageViews.Inspect(image, images.LastTagTime(image.Record.Id), engine.Paths.Layers, RequestVersion.Get(http));
                await Json.WriteAsync(http.Response, view, BerthJsonContext.Default.ImageInspectResponse).ConfigureAwait(false);
                return;
            }

            if (rest.EndsWith("/get", StringComparison.Ordinal))
            {
                await ImageTransferEndpoints.SaveAsync(http, engine, [rest[..^"/get".Length]]).ConfigureAwait(false);
                return;
            }

            if (rest.EndsWith("/history", StringComparison.Ordinal))
            {
                var history = images.History(rest[..^"/history".Length]).Select(h => new ImageHistoryItem
                {
                    Id = h.Id,
                    Created = h.Created.ToUnixTimeSeconds(),
                    CreatedBy = h.CreatedBy,
                    Tags = h.Tags?.ToList(),
                    Size = h.Size,
                    Comment = h.Comment,
                }).ToList();
                await Json.WriteAsync(http.Response, history, BerthJsonContext.Default.ListImageHistoryItem).ConfigureAwait(false);
                return;
            }

            throw Errors.PageNotFound();
        });

        app.MapPost("/images/{**rest}", async (HttpContext http, string rest) =>
        {
            if (rest.EndsWith("/tag", StringComparison.Ordinal))
            {
                var repository = Query.String(http.Request, "repo") ?? throw Errors.InvalidArgument("repository name must have at least one component");
                await images.TagAsync(rest[..^"/tag".Length], repository, Query.String(http.Request, "tag")).ConfigureAwait(false);
                http.Response.StatusCode = StatusCodes.Status201Created;
                return;
            }

            if (rest.EndsWith("/push", StringComparison.Ordinal))
            {
                await RegistryEndpoints.PushAsync(http, engine, rest[..^"/push".Length]).ConfigureAwait(false);
                return;
            }

            throw Errors.PageNotFound();
        });

        app.MapDelete("/images/{**rest}", async (HttpContext http, string rest) =>
        {
            var results = await images.RemoveAsync(rest, Query.Bool(http.Request, "force"), CancellationToken.None).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, results.Select(r => new ImageDeleteResponseItem { Untagged = r.Untagged, Deleted = r.Deleted }).ToList(),
                BerthJsonContext.Default.ListImageDeleteResponseItem).ConfigureAwait(false);
        });
    }

    /// <summary>POST /images/create: fromSrc imports a tar (the body, or a URL), fromImage pulls.</summary>
    private static async Task CreateAsync(HttpContext http, BerthEngine engine)
    {
        var request = http.Request;
        var fromSrc = Query.String(request, "fromSrc");
        if (fromSrc is null)
        {
            var fromImage = Query.String(request, "fromImage") ?? throw Errors.InvalidArgument("fromImage or fromSrc is required");
            await RegistryEndpoints.PullAsync(http, engine, fromImage).ConfigureAwait(false);
            return;
        }

        if (fromSrc != "-")
        {
            throw Errors.NotImplemented("importing from a URL is not supported yet");
        }

        var changes = request.Query["changes"].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).ToList();
        var repository = Query.String(request, "repo");
        var tag = Query.String(request, "tag");
        Engine.Images.ImageService.ParseRepoTag(repository, tag);
        var id = await engine.Images.ImportAsync(request.Body, repository, tag, changes, Query.String(request, "message"), http.RequestAborted).ConfigureAwait(false);
        await new ProgressStream(http.Response).WriteAsync(new JsonMessage { Status = id }, http.RequestAborted).ConfigureAwait(false);
    }
}
