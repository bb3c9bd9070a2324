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

    /// <summary>
    /// A failed registry call: 403 is Forbidden, 404 NotFound, the rest (401 too) an internal error. A registry's 401
    /// must not reach a client as one: the docker CLI answers a 401 from pull or push by prompting for a login.
    /// </summary>
    public static async Task<BerthException> FromResponseAsync(HttpResponseMessage response, string? prefix, CancellationToken ct)
    {
        var text = await DescribeAsync(response, ct).ConfigureAwait(false);
        var message = prefix is null ? text : prefix + ": " + text;
        return response.StatusCode switch
        {
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

    /// <summary>Refused credentials, for a login (401); within a pull or push, an internal error like any other (see above).</summary>
    public static BerthException NoBasicCredentials() => new(ErrorKind.Unauthorized, "no basic auth credentials");

    /// <summary>An Unauthorized error met during a pull or push, as the internal error moby reports it as.</summary>
    public static BerthException Transfer(BerthException e) => e.Kind == ErrorKind.Unauthorized ? new BerthException(ErrorKind.Internal, e.Message, e) : e;
}
