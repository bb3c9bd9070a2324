using System.Net;
using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Registry;

/// <summary>
/// Where a registry's API is served: Docker Hub's <c>docker.io</c> at <c>registry-1.docker.io</c>; loopback registries
/// and those the daemon lists as insecure over plain HTTP; every other one over TLS.
/// </summary>
public sealed record RegistryEndpoint(string Host, Uri BaseUri)
{
    public const string DockerHubApiHost = "registry-1.docker.io";

    /// <summary>The address the docker CLI uses for Docker Hub in <c>serveraddress</c> and config.json.</summary>
    public const string DockerHubIndexServer = "https://index.docker.io/v1/";

    public bool IsSecure => BaseUri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The endpoint of the registry named by an image reference's domain (<c>docker.io</c>, <c>myreg:5000</c>).</summary>
    public static RegistryEndpoint For(string domain, RegistryOptions options)
    {
        var apiHost = domain == ImageRef.DefaultDomain ? DockerHubApiHost : domain;
        var scheme = IsInsecure(domain, options) ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        return new RegistryEndpoint(domain, new Uri($"{scheme}://{apiHost}/"));
    }

    /// <summary>
    /// The endpoint of a login's <c>serveraddress</c>: a bare host (<c>myreg:5000</c>), a URL (<c>https://myreg/v1/</c>)
    /// or Docker Hub's index address; empty means Docker Hub.
    /// </summary>
    public static RegistryEndpoint ForServerAddress(string? serverAddress, RegistryOptions options)
    {
        var address = (serverAddress ?? "").Trim();
        if (address.Length == 0 || address == DockerHubIndexServer || address is "docker.io" or "index.docker.io" or DockerHubApiHost)
        {
            return For(ImageRef.DefaultDomain, options);
        }

        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var host = (schemeEnd >= 0 ? address[(schemeEnd + 3)..] : address).Split('/')[0];
        if (host.Length == 0 || host.Contains('@', StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"invalid registry address: {serverAddress}");
        }

        if (host is "index.docker.io" or DockerHubApiHost)
        {
            return For(ImageRef.DefaultDomain, options);
        }

        return For(host, options);
    }

    private static bool IsInsecure(string domain, RegistryOptions options)
    {
        var host = HostName(domain);
        var ip = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (host == "localhost" || (ip is not null && IPAddress.IsLoopback(ip)))
        {
            return true;
        }

        foreach (var entry in options.InsecureRegistries)
        {
            if (string.Equals(entry, domain, StringComparison.OrdinalIgnoreCase) || string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (ip is not null && IPNetwork.TryParse(entry, out var network) && network.Contains(ip))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The host without its port: <c>127.0.0.1:5000</c> → <c>127.0.0.1</c>, <c>[::1]:5000</c> → <c>::1</c>.</summary>
    private static string HostName(string domain)
    {
        if (domain.StartsWith('['))
        {
            var close = domain.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? domain[1..close] : domain;
        }

        var colon = domain.LastIndexOf(':');
        return colon > 0 ? domain[..colon] : domain;
    }
}
