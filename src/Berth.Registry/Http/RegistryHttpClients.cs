using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Registry.Http;

/// <summary>
/// One pooled <see cref="HttpClient"/> per registry host. A host with a <c>certs.d/HOST/ca.crt</c> trusts that CA as
/// well as the system's; <c>client.cert</c>/<c>client.key</c> beside it are presented as the client certificate.
/// Redirects (to blob storage) are followed, and the handler drops the Authorization header when it does.
/// </summary>
public sealed class RegistryHttpClients(RegistryOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    public HttpClient For(RegistryEndpoint endpoint) => _clients.GetOrAdd(endpoint.Host, host => new HttpClient(CreateHandler(host), disposeHandler: true)
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "berth/1.0 (linux)" } },
    });

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private SocketsHttpHandler CreateHandler(string host)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        var directory = Path.Combine(options.CertsDirectory, host);
        var ca = Path.Combine(directory, "ca.crt");
        if (File.Exists(ca))
        {
            var extra = X509CertificateLoader.LoadCertificateFromFile(ca);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, extra);
        }

        var clientCert = Path.Combine(directory, "client.cert");
        var clientKey = Path.Combine(directory, "client.key");
        if (File.Exists(clientCert) && File.Exists(clientKey))
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(clientCert, clientKey)];
        }

        return handler;
    }

    /// <summary>Trusts what the system trusts, and otherwise a chain ending in the registry's own CA (the name must still match).</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 extraRoot)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(extraRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
