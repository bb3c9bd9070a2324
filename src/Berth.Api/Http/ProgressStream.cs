using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Streams;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>A JSON progress stream (pull, import, load): one whole JSON line per flush, ending in \r\n.</summary>
public sealed class ProgressStream(HttpResponse response)
{
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    public bool Started => response.HasStarted;

    public async Task WriteAsync(JsonMessage message, CancellationToken ct)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(message, BerthJsonContext.Default.JsonMessage);
        byte[] data = [.. line, .. LineEnd];
        await response.Body.WriteAsync(data, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>After the first line an error can only travel in the stream (moby: if !output.Flushed() return err).</summary>
    public Task WriteErrorAsync(string message, CancellationToken ct) =>
        WriteAsync(new JsonMessage { Error = message, ErrorDetail = new ErrorDetail { Message = message } }, ct);
}
