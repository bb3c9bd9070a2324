namespace Berth.Registry.Tests;

public sealed class RegistryEndpointTests
{
    private static readonly RegistryOptions Options = new() { MetadataDirectory = "/nonexistent", InsecureRegistries = ["myreg.internal:5000", "10.1.0.0/16"] };

    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    [InlineData("quay.io", "https://quay.io/")]
    [InlineData("myreg:5000", "https://myreg:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("localhost", "http://localhost/")]
    [InlineData("127.0.0.1:15871", "http://127.0.0.1:15871/")]
    [InlineData("127.5.6.7", "http://127.5.6.7/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("myreg.internal:5000", "http://myreg.internal:5000/")]
    [InlineData("myreg.internal:5001", "https://myreg.internal:5001/")]
    [InlineData("10.1.2.3:5000", "http://10.1.2.3:5000/")]
    [InlineData("10.2.2.3:5000", "https://10.2.2.3:5000/")]
    public void Loopback_and_insecure_registries_speak_http_and_the_rest_tls(string domain, string expected)
    {
        var endpoint = RegistryEndpoint.For(domain, Options);
        Assert.Equal(expected, endpoint.BaseUri.ToString());
        Assert.Equal(domain, endpoint.Host);
    }

    [Theory]
    [InlineData(null, "docker.io")]
    [InlineData("", "docker.io")]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("docker.io", "docker.io")]
    [InlineData("registry-1.docker.io", "docker.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("https://myreg:5000/v2/", "myreg:5000")]
    public void A_login_server_address_names_its_registry(string? address, string host) =>
        Assert.Equal(host, RegistryEndpoint.ForServerAddress(address, Options).Host);

    [Fact]
    public void A_server_address_with_credentials_in_it_is_refused() =>
        Assert.Throws<Berth.Core.Errors.BerthException>(() => RegistryEndpoint.ForServerAddress("https://user@myreg/", Options));
}
