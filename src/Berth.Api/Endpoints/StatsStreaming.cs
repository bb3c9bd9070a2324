using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Containers;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Endpoints;

/// <summary>
/// GET /containers/{id}/stats as moby serves it: with stream (the default) one reading a second, each flushed, until the
/// client goes or the container is removed; stream=false one reading, taken a second after a first one so that
/// precpu_stats is filled; one-shot=true one reading at once, without precpu_stats. A stopped container gets an
/// empty reading.
/// </summary>
internal static class StatsStreaming
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static async Task WriteAsync(HttpContext http, BerthEngine engine, HostFacts host, string id)
    {
        var request = http.Request;
        var stream = Query.BoolOrNull(request, "stream") ?? true;
        var oneShot = RequestVersion.Get(http) >= new ApiVersion(1, 41) && Query.Bool(request, "one-shot");
        if (stream && oneShot)
        {
            throw Errors.InvalidArgument("cannot have stream=true and one-shot=true");
        }

        var containers = engine.Containers;
        var ct = http.RequestAborted;
        var first = await containers.SampleStatsAsync(id, ct).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        if (!stream)
        {
            ContainerStatsSample? previous = null;
            if (!oneShot && first.Cgroup is not null)
            {
                await Task.Delay(Interval, ct).ConfigureAwait(false);
                (previous, first) = (first, await containers.SampleStatsAsync(first.Id, ct).ConfigureAwait(false));
            }

            await WriteLineAsync(http, StatsViews.Response(first, previous, host.MemTotal)).ConfigureAwait(false);
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        ContainerStatsSample? before = null;
        var sample = first;
        while (true)
        {
            await WriteLineAsync(http, StatsViews.Response(sample, before, host.MemTotal)).ConfigureAwait(false);
            before = sample;
            await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
            try
            {
                sample = await containers.SampleStatsAsync(first.Id, ct).ConfigureAwait(false);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
            {
                return; // removed: moby closes the stream
            }
        }
    }

    private static Task WriteLineAsync(HttpContext http, Contracts.Containers.ContainerStatsResponse response) =>
        Json.WriteLineAsync(http.Response, response, BerthJsonContext.Default.ContainerStatsResponse, http.RequestAborted);
}
