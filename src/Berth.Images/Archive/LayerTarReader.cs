using System.Buffers;
using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Content;

namespace Berth.Images.Archive;

/// <summary>
/// The read side of applying a layer: decompression, DiffID hashing, the optional copy of the tar, and
/// <see cref="TarReader"/>, all in one streaming pass. Anything wrong with the input comes out as InvalidArgument.
/// </summary>
internal sealed class LayerTarReader : IAsyncDisposable
{
    private readonly DigestingStream _stream;
    private readonly TarReader _tar;

    private LayerTarReader(DigestingStream stream)
    {
        _stream = stream;
        _tar = new TarReader(stream, leaveOpen: true);
    }

    /// <summary>The DiffID: the digest of the whole uncompressed stream, known once <see cref="NextEntryAsync"/> returned null.</summary>
    public Digest DiffId => _stream.Digest;

    public static async Task<LayerTarReader> OpenAsync(Stream layer, ContentIngest? copy, CancellationToken ct)
    {
        var uncompressed = await Translated(() => LayerDecompression.OpenAsync(layer, ct)).ConfigureAwait(false);
        return new LayerTarReader(new DigestingStream(uncompressed, copy));
    }

    /// <summary>The next entry, or null after the end-of-archive marker (and any padding after it) was read.</summary>
    public async Task<TarEntry?> NextEntryAsync(CancellationToken ct)
    {
        var entry = await Translated(() => _tar.GetNextEntryAsync(copyData: false, ct).AsTask()).ConfigureAwait(false);
        if (entry is not null)
        {
            return entry;
        }

        // TarReader stops quietly at a bare end of stream; a whole archive ends with a zero block, read without hitting the end.
        if (_stream.ReachedEnd)
        {
            throw Errors.InvalidArgument("unexpected EOF");
        }

        // The DiffID covers the bytes after the end marker too (tar writers pad to a record size).
        await Translated(() => _stream.CopyToAsync(Stream.Null, ct).ContinueWith(_ => 0, ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)).ConfigureAwait(false);
        return null;
    }

    /// <summary>Reads the data of the current entry.</summary>
    public Task<int> ReadDataAsync(TarEntry entry, Memory<byte> buffer, CancellationToken ct) =>
        entry.DataStream is { } data
            ? Translated(() => data.ReadAsync(buffer, ct).AsTask())
            : Task.FromResult(0);

    public async ValueTask DisposeAsync()
    {
        await _tar.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<T> Translated<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or BerthException))
        {
            throw new BerthException(ErrorKind.InvalidArgument, Describe(e), e);
        }
    }

    private static string Describe(Exception e) =>
        e is EndOfStreamException || e.InnerException is EndOfStreamException ? "unexpected EOF" : $"invalid layer archive: {e.Message}";
}
