using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>The one place an error kind becomes an HTTP status (moby's httpstatus.FromError).</summary>
public static class ErrorStatus
{
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.NotModified => StatusCodes.Status304NotModified,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.NotImplemented => StatusCodes.Status501NotImplemented,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Maps any exception to a kind and message; unknown exceptions are internal errors.</summary>
    public static (ErrorKind Kind, string Message) Classify(Exception e) => e switch
    {
        BerthException b => (b.Kind, b.Message),
        System.Text.Json.JsonException j => (ErrorKind.InvalidArgument, "invalid JSON: " + j.Message),
        BadHttpRequestException h => (ErrorKind.InvalidArgument, h.Message),
        Berth.Linux.LinuxException l => (ErrorKind.Internal, l.Message),
        _ => (ErrorKind.Internal, e.Message),
    };
}
