using System.Globalization;
using System.Text;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Logs;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Endpoints;

/// <summary>GET /containers/{id}/logs: the json-file log, framed as Docker frames it, then live lines with follow.</summary>
internal static class LogStreaming
{
    public static async Task WriteAsync(HttpContext http, BerthEngine engine, string id)
    {
        var request = http.Request;
        var record = engine.Containers.Get(id);
        var stdout = Query.Bool(request, "stdout");
        var stderr = Query.Bool(request, "stderr");
        if (!stdout && !stderr)
        {
            throw Errors.InvalidArgument("Bad parameters: you must choose at least one stream");
        }

        var tailText = Query.String(request, "tail");
        int? tail = tailText is null or "all" ? null
            : int.TryParse(tailText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
        var query = new LogQuery(
            tail,
            Time(Query.String(request, "since")),
            Time(Query.String(request, "until")),
            stdout,
            stderr);
        var timestamps = Query.Bool(request, "timestamps");
        var follow = Query.Bool(request, "follow");
        var tty = record.Config.Tty;

        var log = engine.Containers.LogOf(record.Id);
        var (length, live, unfollow) = follow ? log.Follow() : (log.CurrentLength(), null, () => { });
        try
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = StreamFraming.ContentType(tty, RequestVersion.Get(http));
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            var body = http.Response.Body;
            var ct = http.RequestAborted;
            await foreach (var entry in LogReader.ReadAsync(log.Path, length, query, ct).ConfigureAwait(false))
            {
                await body.WriteAsync(Encode(entry, tty, timestamps), ct).ConfigureAwait(false);
            }

            await body.FlushAsync(ct).ConfigureAwait(false);
            if (live is null)
            {
                return;
            }

            await foreach (var entry in live.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (query.Until is { } until && entry.Time > until)
                {
                    break;
                }

                if (!query.Accepts(entry))
                {
                    continue;
                }

                await body.WriteAsync(Encode(entry, tty, timestamps), ct).ConfigureAwait(false);
                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            unfollow();
        }
    }

    private static byte[] Encode(LogEntry entry, bool tty, bool timestamps)
    {
        var payload = timestamps
            ? [.. Encoding.ASCII.GetBytes(JsonFileFormat.FormatTime(entry.Time) + " "), .. entry.Line.Span]
            : entry.Line.ToArray();
        return tty ? payload : StreamFraming.Frame(entry.Stream, payload);
    }

    private static DateTime? Time(string? value)
    {
        if (value is null || value == "0")
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        return ContainerService.ParseUntil(value);
    }
}
