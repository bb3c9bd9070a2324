using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Content;

namespace Berth.Images.Archive;

/// <summary>
/// The read side of applying a layer, in one streaming pass: decompression, DiffID hashing and the optional copy of
/// the tar (on a read-ahead task, alongside the unpacking), then <see cref="TarReader"/>. Anything wrong with the
/// input comes out as InvalidArgument.
/// </summary>
internal sealed class LayerTarReader : IAsyncDisposable
{
    private readonly DigestingStream _digesting;
    private readonly ReadAheadStream _stream;
    private readonly TarReader _tar;

    private LayerTarReader(DigestingStream digesting, CancellationToken ct)
    {
        _digesting = digesting;
        _stream = new ReadAheadStream(digesting, ct);
        _tar = new TarReader(_stream, leaveOpen: true);
    }

    /// <summary>The DiffID: the digest of the whole uncompressed stream, known once <see cref="NextEntryAsync"/> returned null.</summary>
    public Digest DiffId => _digesting.Digest;

    public static async Task<LayerTarReader> OpenAsync(Stream layer, ContentIngest? copy, CancellationToken ct)
    {
        try
        {
            var uncompressed = await LayerDecompression.OpenAsync(layer, ct).ConfigureAwait(false);
            return new LayerTarReader(new DigestingStream(uncompressed, copy), ct);
        }
        catch (Exception e) when (IsInputError(e))
        {
            throw Unreadable(e);
        }
    }

    /// <summary>The next entry, or null after the end-of-archive marker (and any padding after it) was read.</summary>
    public async Task<TarEntry?> NextEntryAsync(CancellationToken ct)
    {
        try
        {
            if (await _tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                return entry;
            }

            // TarReader also stops quietly at a bare end of stream, but a whole archive ends with a zero
            // block, which TarReader reads without reaching the end: so reaching it means truncation.
            if (_stream.ReachedEnd)
            {
                throw Errors.InvalidArgument("unexpected EOF");
            }

            // The DiffID covers the bytes after the end marker too (tar writers pad to a record size).
            await _stream.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (IsInputError(e))
        {
            throw Unreadable(e);
        }
    }

    /// <summary>Reads the data of the current entry.</summary>
    public async Task<int> ReadDataAsync(TarEntry entry, Memory<byte> buffer, CancellationToken ct)
    {
        if (entry.DataStream is not { } data)
        {
            return 0;
        }

        try
        {
            return await data.ReadAsync(buffer, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsInputError(e))
        {
            throw Unreadable(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tar.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsInputError(Exception e) => e is not (OperationCanceledException or BerthException);

    private static BerthException Unreadable(Exception e) => new(
        ErrorKind.InvalidArgument,
        e is EndOfStreamException || e.InnerException is EndOfStreamException ? "unexpected EOF" : $"invalid layer archive: {e.Message}",
        e);
}
