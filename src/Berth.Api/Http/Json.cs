using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>JSON in and out, with moby's rules: an empty body is allowed, a non-empty one must be application/json.</summary>
public static class Json
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        var contentType = request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.InvalidArgument($"unsupported Content-Type header ({contentType}): must be 'application/json'");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
        }
        catch (JsonException e)
        {
            throw Errors.InvalidArgument(e.Message);
        }
    }

    public static async Task WriteAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        response.ContentLength = body.Length + 1;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
        await response.Body.WriteAsync(Newline).ConfigureAwait(false);
    }

    /// <summary>One JSON object of a stream that stays open (events, stats): written with its newline and flushed at once.</summary>
    public static async Task WriteLineAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> type, CancellationToken ct)
    {
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, type), ct).ConfigureAwait(false);
        await response.Body.WriteAsync(Newline, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static readonly byte[] Newline = "\n"u8.ToArray();
}
