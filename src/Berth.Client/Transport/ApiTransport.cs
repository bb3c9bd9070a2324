using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Api.Contracts.Json;
using Berth.Client.Hijack;

namespace Berth.Client.Transport;

/// <summary>
/// HTTP/1.1 to the daemon over its Unix socket. Pings once, lazily, before the first call and
/// then prefixes every path with <c>/v{min(1.44, daemon)}</c>, as the docker CLI does.
/// Non-2xx answers become <see cref="DaemonException"/>; an unreachable socket becomes
/// <see cref="DaemonUnreachableException"/>.
/// </summary>
public sealed class ApiTransport : IDisposable
{
    private const string BaseAddress = "http://api.moby.localhost";

    private readonly HttpClient _http;
    private readonly string? _versionOverride;
    private readonly Lock _pingLock = new();
    private Task<PingResult>? _ping;

    public ApiTransport(DaemonHost host, string userAgent, string? versionOverride = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        UserAgent = userAgent;
        _versionOverride = string.IsNullOrEmpty(versionOverride) ? null : versionOverride.TrimStart('v');
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => ConnectAsync(host, ct),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(BaseAddress), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public DaemonHost Host { get; }

    public string UserAgent { get; }

    /// <summary>HEAD /_ping (GET if HEAD is refused), once per transport.</summary>
    public Task<PingResult> PingAsync(CancellationToken ct)
    {
        lock (_pingLock)
        {
            if (_ping is null || _ping.IsFaulted || _ping.IsCanceled)
            {
                _ping = SendPingAsync(ct);
            }

            return _ping;
        }
    }

    /// <summary>The API version of every versioned path: DOCKER_API_VERSION if set, else negotiated.</summary>
    public async Task<string> ApiVersionAsync(CancellationToken ct)
    {
        if (_versionOverride is not null)
        {
            return _versionOverride;
        }

        var ping = await PingAsync(ct).ConfigureAwait(false);
        return ApiVersions.Negotiate(ping.ApiVersion);
    }

    public async Task<string> PathAsync(string path, QueryString? query, CancellationToken ct)
    {
        var version = await ApiVersionAsync(ct).ConfigureAwait(false);
        var target = "/v" + version + QueryString.EscapePath(path);
        return query is { Count: > 0 } ? target + "?" + query.Encode() : target;
    }

    /// <summary>Sends a request and checks the status; with <paramref name="streaming"/> it returns once the headers arrived.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        QueryString? query = null,
        HttpContent? content = null,
        IReadOnlyDictionary<string, string>? headers = null,
        bool streaming = false,
        CancellationToken ct = default)
    {
        var target = await PathAsync(path, query, ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, target) { Content = content };
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await SendRawAsync(request, streaming, ct).ConfigureAwait(false);
        try
        {
            await ThrowIfErrorAsync(response, ct).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<T> GetJsonAsync<T>(string path, QueryString? query, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, query, ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync(response, type, ct).ConfigureAwait(false);
    }

    /// <summary>The body as the daemon sent it: inspect prints these bytes, not a re-encoding.</summary>
    public async Task<byte[]> GetBytesAsync(string path, QueryString? query, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, query, ct: ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    public async Task<TResponse> PostJsonAsync<TRequest, TResponse>(
        string path,
        QueryString? query,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, query, JsonBody(body, requestType), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseType, ct).ConfigureAwait(false);
    }

    public async Task<TResponse> PostForJsonAsync<TResponse>(string path, QueryString? query, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, query, ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseType, ct).ConfigureAwait(false);
    }

    public async Task PostAsync(string path, QueryString? query, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, query, ct: ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, QueryString? query, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, query, ct: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a connection of its own, sends <c>Connection: Upgrade</c> / <c>Upgrade: tcp</c> and, once
    /// the daemon answers 101, hands over the raw socket for both directions.
    /// </summary>
    public async Task<HijackedConnection> HijackAsync(string path, QueryString? query, string contentType, byte[]? body, CancellationToken ct)
    {
        var target = await PathAsync(path, query, ct).ConfigureAwait(false);
        try
        {
            return await HijackedConnection.OpenAsync(Host, target, contentType, body, UserAgent, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new DaemonUnreachableException(Host, e);
        }
    }

    /// <summary>A JSON body with exactly <c>Content-Type: application/json</c>, as the docker CLI sends it.</summary>
    public static HttpContent JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, ct).ConfigureAwait(false)
                ?? throw new JsonException("the daemon sent an empty JSON document");
        }
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectAsync(DaemonHost host, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(host.SocketPath), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<PingResult> SendPingAsync(CancellationToken ct)
    {
        using (var head = new HttpRequestMessage(HttpMethod.Head, "/_ping"))
        {
            using var response = await SendRawAsync(head, streaming: false, ct).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.InternalServerError)
            {
                return ParsePing(response);
            }
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/_ping");
        using var fallback = await SendRawAsync(get, streaming: false, ct).ConfigureAwait(false);
        return ParsePing(fallback);
    }

    private static PingResult ParsePing(HttpResponseMessage response)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() ?? "" : "";
        return new PingResult(
            Header("Api-Version"),
            Header("Ostype"),
            string.Equals(Header("Docker-Experimental"), "true", StringComparison.Ordinal),
            Header("Builder-Version"),
            Header("Swarm"));
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, bool streaming, CancellationToken ct)
    {
        try
        {
            var completion = streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            return await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError || e.InnerException is SocketException)
        {
            throw new DaemonUnreachableException(Host, e);
        }
    }

    /// <summary>The docker client's checkResponseErr: 2xx and 3xx pass; the rest carry the daemon's message.</summary>
    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 400)
        {
            return;
        }

        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var statusText = $"{status} {response.ReasonPhrase}";
        if (body.Length == 0)
        {
            throw new DaemonException(response.StatusCode, $"request returned {statusText} for API route and version {response.RequestMessage?.RequestUri}, check if the server supports the requested API version");
        }

        throw DaemonException.FromDaemon(response.StatusCode, ErrorText(response.Content.Headers.ContentType?.MediaType, body));
    }

    internal static string ErrorText(string? mediaType, byte[] body)
    {
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var error = JsonSerializer.Deserialize(body, BerthJsonContext.Default.ErrorResponse);
                if (!string.IsNullOrEmpty(error?.Message))
                {
                    return error.Message;
                }
            }
            catch (JsonException)
            {
                // not the error shape after all: show the body as it is
            }
        }

        return System.Text.Encoding.UTF8.GetString(body);
    }
}
