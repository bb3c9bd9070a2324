using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Registry.Http;
using Berth.Registry.Json;

namespace Berth.Registry.Auth;

/// <summary>
/// Authenticates one session with a registry: pings <c>/v2/</c> to learn its challenge, then puts Basic credentials
/// or a bearer token (from the challenge's realm, anonymous or with the credentials, for the session's scopes) on
/// every request. A 401 that names another scope or an expired token gets one new token and one retry.
/// </summary>
public sealed class RegistryAuthenticator
{
    private readonly HttpClient _http;
    private readonly RegistryEndpoint _endpoint;
    private readonly RegistryCredentials _credentials;
    private readonly List<string> _scopes;
    private AuthChallenge? _challenge;
    private AuthenticationHeaderValue? _authorization;
    private DateTime _expires = DateTime.MaxValue;

    public RegistryAuthenticator(HttpClient http, RegistryEndpoint endpoint, RegistryCredentials credentials, IEnumerable<string> scopes)
    {
        _http = http;
        _endpoint = endpoint;
        _credentials = credentials;
        _scopes = scopes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Pings the registry and authenticates as its challenge asks. Throws Unauthorized when the registry refuses the
    /// credentials (or wants Basic credentials and there are none, if <paramref name="requireCredentials"/>).
    /// </summary>
    public async Task InitializeAsync(bool requireCredentials, CancellationToken ct)
    {
        var ping = new Uri(_endpoint.BaseUri, "v2/");
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, ping), ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return;
        }

        _challenge = AuthChallenge.From(response);
        if (_challenge is null)
        {
            throw new BerthException(ErrorKind.Unauthorized, await RegistryErrors.DescribeAsync(response, ct).ConfigureAwait(false));
        }

        await AuthenticateAsync(_challenge, requireCredentials, ct).ConfigureAwait(false);
    }

    /// <summary>Puts the current credentials on a request, fetching a new token first if the current one has expired.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_challenge is { IsBearer: true } && DateTime.UtcNow >= _expires)
        {
            await AuthenticateAsync(_challenge, false, ct).ConfigureAwait(false);
        }

        if (_challenge is { IsBasic: true } && _authorization is null)
        {
            throw RegistryErrors.NoBasicCredentials();
        }

        request.Headers.Authorization = _authorization;
    }

    /// <summary>After a 401: true if a new token was obtained (for the scope the registry named), so the request may be retried once.</summary>
    public async Task<bool> RenewAsync(HttpResponseMessage unauthorized, CancellationToken ct)
    {
        var challenge = AuthChallenge.From(unauthorized);
        if (challenge is not { IsBearer: true })
        {
            return false;
        }

        if (challenge.Scope is { Length: > 0 } scope && !_scopes.Contains(scope))
        {
            _scopes.Add(scope);
        }

        _challenge = challenge;
        await AuthenticateAsync(challenge, false, ct).ConfigureAwait(false);
        return true;
    }

    private async Task AuthenticateAsync(AuthChallenge challenge, bool requireCredentials, CancellationToken ct)
    {
        if (challenge.IsBasic)
        {
            if (_credentials.HasPassword)
            {
                _authorization = BasicHeader(_credentials.Username!, _credentials.Password!);
            }
            else if (requireCredentials)
            {
                throw RegistryErrors.NoBasicCredentials();
            }

            return;
        }

        if (!string.IsNullOrEmpty(_credentials.RegistryToken))
        {
            _authorization = new AuthenticationHeaderValue("Bearer", _credentials.RegistryToken);
            return;
        }

        var token = await FetchTokenAsync(challenge, ct).ConfigureAwait(false);
        _authorization = new AuthenticationHeaderValue("Bearer", token.Token ?? token.AccessToken);
        var lifetime = token.ExpiresIn > 0 ? token.ExpiresIn : 60;
        _expires = DateTime.UtcNow.AddSeconds(Math.Max(lifetime - 10, 5));
    }

    /// <summary>
    /// GET realm?service=&amp;scope= (Basic credentials if there are any), or with an identity token the OAuth2
    /// refresh-token grant as a form POST; the answer must carry a token.
    /// </summary>
    private async Task<TokenResponse> FetchTokenAsync(AuthChallenge challenge, CancellationToken ct)
    {
        var realm = new Uri(challenge.Realm!);
        var query = new List<KeyValuePair<string, string>>();
        if (challenge.Service is { Length: > 0 } service)
        {
            query.Add(new("service", service));
        }

        query.AddRange(_scopes.Select(s => new KeyValuePair<string, string>("scope", s)));
        HttpRequestMessage request;
        if (!string.IsNullOrEmpty(_credentials.IdentityToken))
        {
            var form = new List<KeyValuePair<string, string>>(query)
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", _credentials.IdentityToken),
                new("client_id", "docker"),
            };
            request = new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }
        else
        {
            if (_credentials.HasPassword)
            {
                query.Add(new("account", _credentials.Username!));
            }

            var builder = new UriBuilder(realm);
            var existing = builder.Query.TrimStart('?');
            var added = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            builder.Query = existing.Length > 0 ? existing + "&" + added : added;
            request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
            if (_credentials.HasPassword)
            {
                request.Headers.Authorization = BasicHeader(_credentials.Username!, _credentials.Password!);
            }
        }

        using var response = await SendRawAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await RegistryErrors.FromResponseAsync(response, null, ct).ConfigureAwait(false);
            var kind = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ErrorKind.Unauthorized : ErrorKind.Internal;
            throw new BerthException(kind, $"Get \"{realm}\": {error.Message}");
        }

        TokenResponse? token;
        try
        {
            token = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), RegistryJsonContext.Default.TokenResponse, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Errors.Internal($"unable to decode token response: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(token?.Token) && string.IsNullOrEmpty(token?.AccessToken))
        {
            throw Errors.Internal("authorization server did not include a token in the response");
        }

        return token;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw RegistryErrors.Unreachable(request.Method, request.RequestUri!, e);
            }
        }
    }

    private static AuthenticationHeaderValue BasicHeader(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
}
