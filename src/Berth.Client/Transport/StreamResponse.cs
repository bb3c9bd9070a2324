namespace Berth.Client.Transport;

/// <summary>A response whose body is read as it arrives (logs, progress, events, archives).</summary>
public sealed class StreamResponse : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    private StreamResponse(HttpResponseMessage response, Stream body)
    {
        _response = response;
        Body = body;
    }

    public Stream Body { get; }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<StreamResponse> FromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return new StreamResponse(response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Body.Dispose();
        _response.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
