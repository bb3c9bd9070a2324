using System.Text.Json;
using Berth.Api.Contracts;
using Berth.Api.Contracts.Json;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

public static class ErrorWriter
{
    public static async Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.Clear();
        ResponseHeaders.Apply(response.Headers);
        response.StatusCode = status;
        if (status == StatusCodes.Status304NotModified)
        {
            return;
        }

        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse { Message = message }, BerthJsonContext.Default.ErrorResponse);
        response.ContentLength = body.Length + 1;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
        await response.Body.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
    }

    /// <summary>The same error as raw HTTP/1.1 bytes, for connections handled outside Kestrel's pipeline.</summary>
    public static byte[] Raw(int status, string reason, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse { Message = message }, BerthJsonContext.Default.ErrorResponse);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nApi-Version: {ApiVersion.Current}\r\nOstype: linux\r\nServer: Docker/{ResponseHeaders.ServerVersion} (linux)\r\nContent-Length: {body.Length + 1}\r\n\r\n";
        return [.. System.Text.Encoding.ASCII.GetBytes(head), .. body, (byte)'\n'];
    }
}
