using System.Globalization;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Events;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Endpoints;

/// <summary>
/// GET /events: the kept events between since and until, then live ones, one JSON object per line, each flushed at
/// once; the stream ends at until (at once when until is past), or when the client goes.
/// </summary>
internal static class EventStreaming
{
    public static async Task WriteAsync(HttpContext http, BerthEngine engine)
    {
        var request = http.Request;
        var sinceText = Query.String(request, "since");
        var untilText = Query.String(request, "until");
        var since = Timestamp(sinceText);
        var until = Timestamp(untilText);
        if (until is not null && until < (since ?? DateTime.MinValue))
        {
            throw Errors.InvalidArgument($"`since` time ({sinceText}) cannot be after `until` time ({untilText})");
        }

        var filter = new EventFilter(Query.Filters(request));
        var now = DateTime.UtcNow;
        using var subscription = engine.Events.Subscribe(since, until, filter);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (until is { } end)
        {
            deadline.CancelAfter(end > now ? end - now : TimeSpan.Zero);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            while (true)
            {
                while (subscription.Reader.TryRead(out var e))
                {
                    if (until is not null && e.Time > until)
                    {
                        return;
                    }

                    await Json.WriteLineAsync(http.Response, EventMessages.From(e), BerthJsonContext.Default.EventMessage, http.RequestAborted).ConfigureAwait(false);
                }

                if ((until is not null && DateTime.UtcNow >= until) || !await subscription.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // until reached
        }
    }

    /// <summary>moby's "seconds[.nanoseconds]" (the CLI turns durations and dates into this); empty is none.</summary>
    internal static DateTime? Timestamp(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var secondsText = dot < 0 ? value : value[..dot];
        var fraction = dot < 0 ? "" : value[(dot + 1)..];
        if (!long.TryParse(secondsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ||
            (fraction.Length > 0 && !long.TryParse(fraction, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw Errors.InvalidArgument($"strconv.ParseInt: parsing \"{value}\": invalid syntax");
        }

        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        return DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(ticks);
    }
}
