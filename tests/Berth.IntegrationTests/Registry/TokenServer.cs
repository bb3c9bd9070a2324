using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.IntegrationTests.Registry;

/// <summary>
/// A small token server for the distribution token flow, run in the test: it signs RS256 JWTs with a self-signed
/// certificate (sent in the x5c header; the registry trusts it through rootcertbundle). The right user and password
/// get the actions they ask for; anyone else gets pull only; a wrong password gets 401.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "berth-test-registry";
    public const string Issuer = "berth-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly string _user;
    private readonly string _password;
    private readonly Task _serving;
    private readonly List<string> _requests = [];

    public TokenServer(string directory, string user, string password)
    {
        _user = user;
        _password = password;
        var request = new CertificateRequest("CN=berth-test-token", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificateBundle = Path.Combine(directory, "token-ca.pem");
        File.WriteAllText(CertificateBundle, _certificate.ExportCertificatePem());
        Port = LocalRegistry.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string CertificateBundle { get; }

    public string Realm => $"http://127.0.0.1:{Port}/token";

    /// <summary>Query strings and users of the token requests so far ("user|query").</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The registry's auth section for this server.</summary>
    public string RegistryAuthYaml => $"""
        auth:
          token:
            realm: {Realm}
            service: {Service}
            issuer: {Issuer}
            rootcertbundle: {CertificateBundle}
        """;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var user = Authenticate(context.Request, out var refused);
            lock (_requests)
            {
                _requests.Add((user ?? "") + "|" + context.Request.Url!.Query);
            }

            if (refused)
            {
                response.StatusCode = 401;
                continue;
            }

            var access = new JsonArray();
            foreach (var scope in context.Request.QueryString.GetValues("scope") ?? [])
            {
                var parts = scope.Split(':');
                if (parts.Length != 3 || parts[0] != "repository")
                {
                    continue;
                }

                var actions = parts[2].Split(',').Where(a => user is not null || a == "pull").Select(a => (JsonNode)a).ToArray();
                access.Add(new JsonObject { ["type"] = "repository", ["name"] = parts[1], ["actions"] = new JsonArray(actions) });
            }

            var token = Sign(user ?? "", access);
            var body = Encoding.UTF8.GetBytes(new JsonObject { ["token"] = token, ["access_token"] = token, ["expires_in"] = 300 }.ToJsonString());
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
    }

    /// <summary>The user the request authenticated as; null for anonymous. A wrong password is refused.</summary>
    private string? Authenticate(HttpListenerRequest request, out bool refused)
    {
        refused = false;
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        if (pair == _user + ":" + _password)
        {
            return _user;
        }

        refused = true;
        return null;
    }

    private string Sign(string subject, JsonArray access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signed = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
