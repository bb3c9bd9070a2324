using System.Net;
using System.Text;
using Berth.Core.Errors;
using Berth.Registry.Auth;
using Berth.Registry.Http;

namespace Berth.Registry.Tests;

public sealed class RegistryAuthenticatorTests
{
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}""";

    [Fact]
    public async Task A_bearer_challenge_gets_a_token_for_the_scope_with_basic_credentials_and_uses_it()
    {
        var registry = new FakeRegistry((request, _) => (request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString()) switch
        {
            ("/v2/", _) => FakeRegistry.Challenge("Bearer", "realm=\"http://auth.test/token\",service=\"reg\""),
            ("/token", _) => FakeRegistry.Json("""{"token":"T1","expires_in":300}"""),
            ("/v2/a/b/manifests/1", "Bearer T1") => FakeRegistry.Json(Manifest),
            _ => FakeRegistry.Status(HttpStatusCode.Unauthorized),
        });
        var repository = await OpenAsync(registry, new RegistryCredentials("u", "p"), "repository:a/b:pull");

        var manifest = await repository.GetManifestAsync("1", CancellationToken.None);

        Assert.Equal(Manifest, Encoding.UTF8.GetString(manifest.Bytes));
        var token = registry.Requests.Single(r => r.Request.RequestUri!.Host == "auth.test").Request;
        Assert.Equal("?service=reg&scope=repository%3Aa%2Fb%3Apull&account=u", token.RequestUri!.Query);
        Assert.Equal("Basic " + Convert.ToBase64String("u:p"u8), token.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Anonymous_token_requests_carry_no_credentials_and_a_401_naming_another_scope_gets_a_new_token_once()
    {
        var tokens = 0;
        var registry = new FakeRegistry((request, _) => (request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString()) switch
        {
            ("/v2/", _) => FakeRegistry.Challenge("Bearer", "realm=\"http://auth.test/token\",service=\"reg\""),
            ("/token", _) => FakeRegistry.Json($$"""{"access_token":"T{{++tokens}}"}"""),
            ("/v2/a/b/manifests/1", "Bearer T2") => FakeRegistry.Json(Manifest),
            ("/v2/a/b/manifests/1", _) => FakeRegistry.Challenge("Bearer", "realm=\"http://auth.test/token\",service=\"reg\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\""),
            ("/v2/a/b/manifests/2", _) => FakeRegistry.Challenge("Bearer", "realm=\"http://auth.test/token\",service=\"reg\",scope=\"repository:a/b:pull\""),
            _ => FakeRegistry.Status(HttpStatusCode.NotFound),
        });
        var repository = await OpenAsync(registry, RegistryCredentials.Anonymous, "repository:a/b:pull");

        await repository.GetManifestAsync("1", CancellationToken.None);
        var renewal = registry.Requests.Where(r => r.Request.RequestUri!.Host == "auth.test").ToList();
        Assert.Equal(2, renewal.Count);
        Assert.All(renewal, r => Assert.Null(r.Request.Headers.Authorization));
        Assert.Contains("scope=repository%3Aa%2Fb%3Apull%2Cpush", renewal[1].Request.RequestUri!.Query);

        var refused = await Assert.ThrowsAsync<BerthException>(() => repository.GetManifestAsync("2", CancellationToken.None));
        Assert.Equal(ErrorKind.Internal, refused.Kind); // a 401 status would make the docker CLI prompt for a login
        Assert.Equal("unauthorized: authentication required", refused.Message);
        Assert.Equal(2, registry.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v2/a/b/manifests/2"));
    }

    [Fact]
    public async Task Basic_registries_get_the_credentials_on_every_request_and_none_means_no_basic_auth_credentials()
    {
        var registry = new FakeRegistry((request, _) => request.Headers.Authorization is null
            ? FakeRegistry.Challenge("Basic", "realm=\"reg\"")
            : FakeRegistry.Json(Manifest));
        var repository = await OpenAsync(registry, new RegistryCredentials("u", "p"), "repository:a/b:pull");
        await repository.GetManifestAsync("1", CancellationToken.None);
        Assert.Equal("Basic " + Convert.ToBase64String("u:p"u8), registry.Requests[^1].Request.Headers.Authorization!.ToString());

        var anonymous = await OpenAsync(registry, RegistryCredentials.Anonymous, "repository:a/b:pull");
        var error = await Assert.ThrowsAsync<BerthException>(() => anonymous.GetManifestAsync("1", CancellationToken.None));
        Assert.Equal("no basic auth credentials", error.Message);
        Assert.Equal(ErrorKind.Internal, error.Kind);
    }

    [Fact]
    public async Task A_token_server_refusing_the_credentials_is_unauthorized()
    {
        var registry = new FakeRegistry((request, _) => request.RequestUri!.AbsolutePath == "/v2/"
            ? FakeRegistry.Challenge("Bearer", "realm=\"http://auth.test/token\"")
            : FakeRegistry.Status(HttpStatusCode.Unauthorized));
        var error = await Assert.ThrowsAsync<BerthException>(() => OpenAsync(registry, new RegistryCredentials("u", "bad"), "repository:a/b:pull"));
        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.StartsWith("Get \"http://auth.test/token\": unauthorized", error.Message);
    }

    [Fact]
    public async Task A_manifest_fetched_by_digest_must_hash_to_it_and_registry_errors_read_as_docker_prints_them()
    {
        var registry = new FakeRegistry((request, _) => request.RequestUri!.AbsolutePath switch
        {
            "/v2/" => FakeRegistry.Json("{}"),
            "/v2/a/b/manifests/nosuch" => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}""") },
            _ => FakeRegistry.Json(Manifest),
        });
        var repository = await OpenAsync(registry, RegistryCredentials.Anonymous, "repository:a/b:pull");
        var wrong = "sha256:" + new string('0', 64);
        var mismatch = await Assert.ThrowsAsync<BerthException>(() => repository.GetManifestAsync(wrong, CancellationToken.None));
        Assert.Equal("manifest verification failed for digest " + wrong, mismatch.Message);

        var unknown = await Assert.ThrowsAsync<BerthException>(() => repository.GetManifestAsync("nosuch", CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
        Assert.Equal("manifest unknown: manifest unknown", unknown.Message);
        var accept = registry.Requests[^1].Request.Headers.Accept.Select(a => a.MediaType).ToList();
        Assert.Contains("application/vnd.oci.image.index.v1+json", accept);
        Assert.Contains("application/vnd.docker.distribution.manifest.list.v2+json", accept);
    }

    [Fact]
    public async Task Tags_are_listed_across_the_pages_the_link_header_names()
    {
        var registry = new FakeRegistry((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/v2/")
            {
                return FakeRegistry.Json("{}");
            }

            if (request.RequestUri.Query.Contains("last=b", StringComparison.Ordinal))
            {
                return FakeRegistry.Json("""{"name":"a/b","tags":["c"]}""");
            }

            var first = FakeRegistry.Json("""{"name":"a/b","tags":["a","b"]}""");
            first.Headers.TryAddWithoutValidation("Link", "</v2/a/b/tags/list?last=b&n=2>; rel=\"next\"");
            return first;
        });
        var repository = await OpenAsync(registry, RegistryCredentials.Anonymous, "repository:a/b:pull");
        Assert.Equal(["a", "b", "c"], await repository.ListTagsAsync(CancellationToken.None));
    }

    private static async Task<RepositoryClient> OpenAsync(FakeRegistry registry, RegistryCredentials credentials, string scope)
    {
        var http = new HttpClient(registry);
        var auth = new RegistryAuthenticator(http, FakeRegistry.Endpoint, credentials, [scope]);
        await auth.InitializeAsync(requireCredentials: false, CancellationToken.None);
        return new RepositoryClient(http, FakeRegistry.Endpoint, "a/b", auth);
    }
}
