using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Api.Http;

/// <summary>
/// Turns every failure into Docker's error response: the mapped status and <c>{"message": ...}</c>
/// with Content-Type exactly application/json (the docker CLI parses nothing else). 304 has no body.
/// Also strips the /vX.Y prefix and sets the headers every response carries.
/// </summary>
public sealed partial class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ResponseHeaders.Apply(context.Response.Headers);
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (RequestVersion.StripPrefix(path, out var version) is { } stripped)
            {
                RequestVersion.Set(context, ApiVersion.Parse(version!));
                context.Request.Path = stripped;
            }

            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            var (kind, message) = ErrorStatus.Classify(e);
            if (kind == ErrorKind.Internal)
            {
                LogInternal(log, context.Request.Method, context.Request.Path, e);
            }
            else
            {
                LogUser(log, context.Request.Method, context.Request.Path, message);
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            await ErrorWriter.WriteAsync(context.Response, ErrorStatus.For(kind), message).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the client went away: nothing to write
        }
    }

    [LoggerMessage(1001, LogLevel.Error, "{Method} {Path} failed")]
    private static partial void LogInternal(ILogger logger, string method, PathString path, Exception e);

    [LoggerMessage(1002, LogLevel.Debug, "{Method} {Path}: {Message}")]
    private static partial void LogUser(ILogger logger, string method, PathString path, string message);
}
