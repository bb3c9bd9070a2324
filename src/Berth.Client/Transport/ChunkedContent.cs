using System.Net;
using System.Net.Http.Headers;

namespace Berth.Client.Transport;

/// <summary>
/// An upload body of unknown length, so it goes out with <c>Transfer-Encoding: chunked</c> as the
/// docker CLI's do (Go sends any body that is not an in-memory buffer chunked), even from a file.
/// </summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly Stream _source;

    public ChunkedContent(Stream source, string mediaType)
    {
        _source = source;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _source.CopyToAsync(stream, 81920, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
