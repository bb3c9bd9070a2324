using System.Text.Json;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Streams;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>
/// What talks to registries: POST /auth, and the pull (POST /images/create?fromImage=) and push
/// (POST /images/{name}/push) streams the image routes hand over. Errors found before any progress get their status
/// code; later ones travel in the stream (moby: if !output.Flushed() return err).
/// </summary>
public static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapPost("/auth", async (HttpContext http) =>
        {
            var config = await Json.ReadAsync(http.Request, BerthJsonContext.Default.AuthConfig).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("missing authentication configuration");
            await engine.Images.LoginAsync(config.ServerAddress, RegistryAuthHeader.FromConfig(config), http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new AuthResponse { Status = "Login Succeeded" }, BerthJsonContext.Default.AuthResponse).ConfigureAwait(false);
        });
    }

    /// <summary>POST /images/create?fromImage=NAME&amp;tag=TAG[&amp;platform=]: the pull and its progress.</summary>
    public static async Task PullAsync(HttpContext http, BerthEngine engine, string fromImage)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        var pull = await engine.Images.PlanPullAsync(fromImage, Query.String(request, "tag"), Query.String(request, "platform"), RegistryAuthHeader.Read(request), ct).ConfigureAwait(false);
        await StreamAsync(http, ct, progress => engine.Images.PullAsync(pull, progress, ct)).ConfigureAwait(false);
    }

    /// <summary>POST /images/NAME/push?tag=TAG: the push and its progress, each tag ending with its aux {Tag, Digest, Size}.</summary>
    public static async Task PushAsync(HttpContext http, BerthEngine engine, string name)
    {
        ImageRef.Parse(name);
        var ct = http.RequestAborted;
        await StreamAsync(http, ct, async progress =>
        {
            var pushed = await engine.Images.PushAsync(name, Query.String(http.Request, "tag"), RegistryAuthHeader.Read(http.Request), progress, ct).ConfigureAwait(false);
            foreach (var image in pushed)
            {
                progress.Write(new JsonMessage { ProgressDetail = new ProgressDetail(), Aux = Aux(image.Tag, image.Digest.ToString(), image.Size) });
            }
        }).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext http, CancellationToken ct, Func<ProgressChannel, Task> work)
    {
        var output = new ProgressStream(http.Response);
        var channel = new ProgressChannel(output, ct);
        try
        {
            await work(channel).ConfigureAwait(false);
            await channel.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FailAsync(output, channel, e, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes the progress so far, then reports the error in the stream (or as a status, if nothing went out).</summary>
    private static async Task FailAsync(ProgressStream output, ProgressChannel channel, Exception error, CancellationToken ct)
    {
        await channel.CompleteAsync().ConfigureAwait(false);
        if (!output.Started)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        await output.WriteErrorAsync(error.Message, ct).ConfigureAwait(false);
    }

    private static JsonElement Aux(string tag, string digest, long size)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Tag", tag);
            writer.WriteString("Digest", digest);
            writer.WriteNumber("Size", size);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
