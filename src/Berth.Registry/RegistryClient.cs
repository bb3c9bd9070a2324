using System.Net;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Registry.Auth;
using Berth.Registry.Http;
using Berth.Registry.Metadata;

namespace Berth.Registry;

/// <summary>The daemon's way into registries: authenticated sessions on repositories, and login checks.</summary>
public sealed class RegistryClient : IDisposable
{
    private readonly RegistryHttpClients _http;

    public RegistryClient(RegistryOptions options)
    {
        Options = options;
        _http = new RegistryHttpClients(options);
        Metadata = new DistributionMetadata(options.MetadataDirectory);
    }

    public RegistryOptions Options { get; }

    public DistributionMetadata Metadata { get; }

    /// <summary>
    /// Opens a session on the repository of <paramref name="reference"/>, authenticated for pulling (and pushing, with
    /// <paramref name="push"/>); <paramref name="mountFrom"/> are repositories of the same registry to mount blobs from.
    /// </summary>
    public async Task<RepositoryClient> OpenAsync(ImageRef reference, RegistryCredentials credentials, bool push, IEnumerable<string> mountFrom, CancellationToken ct)
    {
        var endpoint = RegistryEndpoint.For(reference.Domain, Options);
        var http = _http.For(endpoint);
        var scopes = new List<string> { $"repository:{reference.Path}:{(push ? "pull,push" : "pull")}" };
        scopes.AddRange(mountFrom.Where(r => r != reference.Path).Select(r => $"repository:{r}:pull"));
        var auth = new RegistryAuthenticator(http, endpoint, credentials, scopes);
        try
        {
            await auth.InitializeAsync(requireCredentials: push, ct).ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            throw RegistryErrors.Transfer(e);
        }

        return new RepositoryClient(http, endpoint, reference.Path, auth);
    }

    /// <summary>
    /// POST /auth: checks the credentials against the registry at <paramref name="serverAddress"/> (Unauthorized if it
    /// refuses them). A registry that asks for no authentication accepts any.
    /// </summary>
    public async Task LoginAsync(string? serverAddress, RegistryCredentials credentials, CancellationToken ct)
    {
        var endpoint = RegistryEndpoint.ForServerAddress(serverAddress, Options);
        var http = _http.For(endpoint);
        var auth = new RegistryAuthenticator(http, endpoint, credentials, []);
        await auth.InitializeAsync(requireCredentials: true, ct).ConfigureAwait(false);
        var ping = new Uri(endpoint.BaseUri, "v2/");
        using var request = new HttpRequestMessage(HttpMethod.Get, ping);
        await auth.AuthorizeAsync(request, ct).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw RegistryErrors.Unreachable(HttpMethod.Get, ping, e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new BerthException(ErrorKind.Unauthorized, $"login attempt to {ping} failed with status: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
