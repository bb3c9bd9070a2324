using System.Net;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Registry.Json;

namespace Berth.Registry.Http;

/// <summary>Registry failures in the words moby's distribution code uses, with the kind the API maps to a status.</summary>
internal static class RegistryErrors
{
    /// <summary>
    /// The registry's own error list as docker prints it: <c>manifest unknown: manifest unknown</c> (the code in lower case,
    /// then the message); the status text when the body has none.
    /// </summary>
    public static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        try
        {
            if (body.Length > 0 && JsonSerializer.Deserialize(body, RegistryJsonContext.Default.RegistryErrorBody)?.Errors is { Count: > 0 } errors)
            {
                return string.Join(", ", errors.Select(e => $"{(e.Code ?? "unknown").ToLowerInvariant().Replace('_', ' ')}: {e.Message}"));
            }
        }
        catch (JsonException)
        {
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "unauthorized: authentication required",
            HttpStatusCode.Forbidden => "denied: requested access to the resource is denied",
            _ => $"unexpected status from {response.RequestMessage?.Method} request to {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.ReasonPhrase}",
        };
    }

    /// <summary>A failed registry call: 401/403 stay Unauthorized/Forbidden, 404 is NotFound, the rest an internal error.</summary>
    public static async Task<BerthException> FromResponseAsync(HttpResponseMessage response, string? prefix, CancellationToken ct)
    {
        var text = await DescribeAsync(response, ct).ConfigureAwait(false);
        var message = prefix is null ? text : prefix + ": " + text;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new BerthException(ErrorKind.Unauthorized, message),
            HttpStatusCode.Forbidden => new BerthException(ErrorKind.Forbidden, message),
            HttpStatusCode.NotFound => new BerthException(ErrorKind.NotFound, message),
            _ => new BerthException(ErrorKind.Internal, message),
        };
    }

    /// <summary>A registry that could not be reached, as Go's HTTP client words it: <c>Get "https://x/v2/": ...</c>.</summary>
    public static BerthException Unreachable(HttpMethod method, Uri uri, Exception e)
    {
        var method2 = method.Method[..1] + method.Method[1..].ToLowerInvariant();
        var reason = e.InnerException?.Message is { Length: > 0 } inner ? inner : e.Message;
        return new BerthException(ErrorKind.Internal, $"{method2} \"{uri}\": {reason}", e);
    }

    public static BerthException NoBasicCredentials() => new(ErrorKind.Unauthorized, "no basic auth credentials");
}
