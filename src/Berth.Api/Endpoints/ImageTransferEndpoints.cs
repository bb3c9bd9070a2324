using Berth.Api.Contracts.Streams;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>Image archives: GET /images/get and /images/{name}/get (save), POST /images/load.</summary>
public static class ImageTransferEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapGet("/images/get", (HttpContext http) =>
            SaveAsync(http, engine, http.Request.Query["names"].Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList()));

        app.MapPost("/images/load", (HttpContext http) => LoadAsync(http, engine));
    }

    /// <summary>The tar streams straight to the client; names are checked before the first byte, so an unknown one is a 404.</summary>
    public static async Task SaveAsync(HttpContext http, BerthEngine engine, IReadOnlyList<string> names)
    {
        http.Response.ContentType = "application/x-tar";
        await engine.Images.SaveAsync(names, http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>As moby: always a JSON stream, failures included (the CLI reports the error line); progress unless quiet.</summary>
    private static async Task LoadAsync(HttpContext http, BerthEngine engine)
    {
        var ct = http.RequestAborted;
        var output = new ProgressStream(http.Response);
        http.Response.ContentType = "application/json";
        var progress = Query.Bool(http.Request, "quiet") ? null : new LoadProgress(output, ct);
        IReadOnlyList<string>? lines = null;
        string? error = null;
        try
        {
            lines = await engine.Images.LoadAsync(http.Request.Body, progress, ct).ConfigureAwait(false);
        }
        catch (BerthException e) when (e.Kind != ErrorKind.Internal)
        {
            error = e.Message;
        }
        finally
        {
            if (progress is not null)
            {
                await progress.CompleteAsync().ConfigureAwait(false);
            }
        }

        if (error is not null)
        {
            await output.WriteErrorAsync(error, ct).ConfigureAwait(false);
            return;
        }

        foreach (var line in lines!)
        {
            await output.WriteAsync(new JsonMessage { Stream = line + "\n" }, ct).ConfigureAwait(false);
        }
    }
}
