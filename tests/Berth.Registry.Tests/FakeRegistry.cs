using System.Net;

namespace Berth.Registry.Tests;

/// <summary>An in-memory registry (and token server) behind an HttpMessageHandler: it answers by a routing function and keeps every request.</summary>
internal sealed class FakeRegistry(Func<HttpRequestMessage, byte[], HttpResponseMessage> route) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public static RegistryEndpoint Endpoint { get; } = new("reg.test", new Uri("http://reg.test/"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        var response = route(request, body);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Content = new ByteArrayContent([]) };

    public static HttpResponseMessage Challenge(string scheme, string parameters)
    {
        var response = Status(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new System.Net.Http.Headers.AuthenticationHeaderValue(scheme, parameters));
        return response;
    }

    public static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json) };
}
