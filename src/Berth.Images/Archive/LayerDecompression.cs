using System.IO.Compression;
using Berth.Core.Errors;
using ZstdSharp;

namespace Berth.Images.Archive;

/// <summary>Recognizes a layer's compression by its magic bytes, as Docker's DecompressStream does, and undoes it.</summary>
internal static class LayerDecompression
{
    private static ReadOnlySpan<byte> Gzip => [0x1F, 0x8B, 0x08];

    private static ReadOnlySpan<byte> Zstd => [0x28, 0xB5, 0x2F, 0xFD];

    private static ReadOnlySpan<byte> Xz => [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    // "BZh", a block size digit, then the block magic (the BCD digits of pi): enough that no tar name matches.
    private static ReadOnlySpan<byte> Bzip2Block => [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];

    /// <summary>The uncompressed bytes of <paramref name="source"/>, which stays open when the result is disposed.</summary>
    public static async Task<Stream> OpenAsync(Stream source, CancellationToken ct)
    {
        var head = new byte[10];
        var length = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var magic = head.AsSpan(0, length);
        var stream = new PrefixedStream(head.AsMemory(0, length), source);

        if (magic.StartsWith(Gzip))
        {
            return new GZipStream(stream, CompressionMode.Decompress);
        }

        if (magic.StartsWith(Zstd))
        {
            return new DecompressionStream(stream, leaveOpen: false);
        }

        if (magic.StartsWith(Xz))
        {
            throw Errors.InvalidArgument("unsupported layer compression: xz");
        }

        if (magic.Length == 10 && magic.StartsWith("BZh"u8) && magic[3] is >= (byte)'1' and <= (byte)'9' && magic[4..].SequenceEqual(Bzip2Block))
        {
            throw Errors.InvalidArgument("unsupported layer compression: bzip2");
        }

        return stream;
    }
}
