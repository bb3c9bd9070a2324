using System.Net;
using Berth.Core.Ids;
using Berth.Registry.Auth;
using Berth.Registry.Http;
using Berth.Registry.Push;

namespace Berth.Registry.Tests;

public sealed class ChunkedUploadTests
{
    [Fact]
    public async Task Chunks_go_up_as_patches_with_content_ranges_and_the_rest_closes_the_upload_with_its_digest()
    {
        var step = 0;
        var registry = new FakeRegistry((request, _) =>
        {
            if (request.Method == HttpMethod.Get)
            {
                return FakeRegistry.Json("{}");
            }

            var response = FakeRegistry.Status(request.Method == HttpMethod.Put ? HttpStatusCode.Created : HttpStatusCode.Accepted);
            response.Headers.Location = new Uri($"/v2/a/b/blobs/uploads/u1?_state=s{++step}", UriKind.Relative);
            return response;
        });
        var http = new HttpClient(registry);
        var auth = new RegistryAuthenticator(http, FakeRegistry.Endpoint, RegistryCredentials.Anonymous, []);
        await auth.InitializeAsync(false, CancellationToken.None);
        var repository = new RepositoryClient(http, FakeRegistry.Endpoint, "a/b", auth);

        var location = await repository.StartUploadAsync(null, null, CancellationToken.None);
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        await using var upload = new ChunkedUpload(repository, location!, chunkSize: 4);
        await upload.WriteAsync(data.AsMemory(0, 5));
        await upload.WriteAsync(data.AsMemory(5, 4));
        upload.Write(data, 9, 1);
        var (digest, size) = await upload.CompleteAsync(CancellationToken.None);

        Assert.Equal(Digest.Compute(data), digest);
        Assert.Equal(10, size);
        var sent = registry.Requests.Skip(2).ToList();
        Assert.Equal(["PATCH", "PATCH", "PUT"], sent.Select(r => r.Request.Method.Method));
        Assert.Equal("0-4", sent[0].Request.Content!.Headers.GetValues("Content-Range").Single());
        Assert.Equal("5-8", sent[1].Request.Content!.Headers.GetValues("Content-Range").Single());
        Assert.Equal("http://reg.test/v2/a/b/blobs/uploads/u1?_state=s2", sent[1].Request.RequestUri!.ToString());
        Assert.Equal($"http://reg.test/v2/a/b/blobs/uploads/u1?_state=s3&digest={Uri.EscapeDataString(digest.ToString())}", sent[2].Request.RequestUri!.ToString());
        Assert.Equal([10], sent[2].Body);
        Assert.Equal([1, 2, 3, 4, 5], sent[0].Body);
    }
}
