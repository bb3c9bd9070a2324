using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Archive;

namespace Berth.Images.Transfer;

/// <summary>
/// Reads an image archive in one pass, in whatever order its entries come: JSON documents are kept in memory, and
/// every other blob is taken for a layer and staged as it streams by (unpacked, hashed and its uncompressed tar
/// kept, all in the same read), because a Docker archive lists its layers before the manifest that orders them.
/// </summary>
internal static class ArchiveScanner
{
    private const int SniffLength = 512;
    private const long MaxDocumentSize = 64L * 1024 * 1024;

    public static async Task<ArchiveContents> ScanAsync(Stream archive, LocalContentStore content, LayerStore layers, ILoadProgress? progress, CancellationToken ct)
    {
        var contents = new ArchiveContents();
        try
        {
            // Docker loads a compressed archive too (`docker save | gzip`).
            await using var uncompressed = await LayerDecompression.OpenAsync(archive, ct).ConfigureAwait(false);
            await using var reader = new TarReader(uncompressed, leaveOpen: true);
            while (await NextEntryAsync(reader, ct).ConfigureAwait(false) is { } entry)
            {
                if (!EntryPath.TryClean(entry.Name, out var path, allowAbsolute: true) || path is null)
                {
                    continue;
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.SymbolicLink:
                        var (directory, _) = EntryPath.Split(path);
                        var target = entry.LinkName.StartsWith('/') ? entry.LinkName : (directory == "." ? "" : directory + "/") + entry.LinkName;
                        if (EntryPath.TryClean(target, out var linked, allowAbsolute: true) && linked is not null)
                        {
                            contents.AddLink(path, linked);
                        }

                        break;
                    case TarEntryType.HardLink:
                        if (EntryPath.TryClean(entry.LinkName, out var hardLinked, allowAbsolute: true) && hardLinked is not null)
                        {
                            contents.AddLink(path, hardLinked);
                        }

                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        await ReadBlobAsync(contents, path, entry, content, layers, progress, ct).ConfigureAwait(false);
                        break;
                }
            }

            return contents;
        }
        catch
        {
            contents.Dispose();
            throw;
        }
    }

    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException || e.InnerException is EndOfStreamException)
        {
            throw Errors.InvalidArgument(e is InvalidDataException or FormatException ? $"invalid archive: {e.Message}" : "unexpected EOF");
        }
    }

    private static async Task ReadBlobAsync(ArchiveContents contents, string path, TarEntry entry, LocalContentStore content, LayerStore layers, ILoadProgress? progress, CancellationToken ct)
    {
        var data = entry.DataStream ?? Stream.Null;
        var head = new byte[(int)Math.Min(SniffLength, entry.Length)];
        await data.ReadExactlyAsync(head, ct).ConfigureAwait(false);
        if (IsDocument(head) && entry.Length <= MaxDocumentSize)
        {
            var bytes = new byte[entry.Length];
            head.CopyTo(bytes, 0);
            await data.ReadExactlyAsync(bytes.AsMemory(head.Length), ct).ConfigureAwait(false);
            contents.AddDocument(path, bytes);
            return;
        }

        var named = NamedDigest(path);
        if (named is { } stored && content.Exists(stored))
        {
            contents.AddLayer(path, new ArchiveLayer { StoredAs = stored });
            return;
        }

        Stream blob = new Archive.PrefixedStream(head, data);
        if (progress is not null)
        {
            var id = named?.Short ?? LegacyLayerId(path);
            blob = new ProgressReadStream(blob, entry.Length, (current, total) => progress.LayerRead(id, current, total));
        }

        // An uncompressed layer's blob digest is its DiffID, which staging computes anyway.
        var compressed = IsCompressed(head);
        using var hashed = compressed ? new DigestingStream(blob, null) : null;
        try
        {
            var staged = await layers.StageAsync(hashed ?? blob, content, ct).ConfigureAwait(false);
            if (hashed is not null)
            {
                await hashed.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            }

            contents.AddLayer(path, new ArchiveLayer { Staged = staged, BlobDigest = hashed?.Digest ?? staged.DiffId });
        }
        catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
        {
            // Not a layer, or a corrupt one: an error only if an image of the archive uses this blob. Unless the
            // archive itself ends inside the blob: reading the rest of it tells (and fails the whole load).
            try
            {
                await data.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw Errors.InvalidArgument("unexpected EOF");
            }

            contents.AddLayer(path, new ArchiveLayer { Error = e });
        }
    }

    /// <summary>A JSON document: empty, or starting (after whitespace) with an object or an array.</summary>
    private static bool IsDocument(ReadOnlySpan<byte> head)
    {
        var text = head.TrimStart(" \t\r\n"u8);
        return head.Length == 0 || (text.Length > 0 && text[0] is (byte)'{' or (byte)'[' && !IsTar(head));
    }

    private static bool IsTar(ReadOnlySpan<byte> head) => head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8);

    private static bool IsCompressed(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]);

    /// <summary>The digest a blob is named by (<c>blobs/sha256/HEX</c>), if it is.</summary>
    private static Digest? NamedDigest(string path)
    {
        var (directory, name) = EntryPath.Split(path);
        return directory.EndsWith("sha256", StringComparison.Ordinal) && Digest.TryParse(name, out var digest) ? digest : null;
    }

    /// <summary>A legacy archive's <c>&lt;v1 id&gt;/layer.tar</c> is known by its directory.</summary>
    private static string LegacyLayerId(string path)
    {
        var (directory, _) = EntryPath.Split(path);
        var name = EntryPath.Split(directory).Name;
        return name.Length > 12 ? name[..12] : name;
    }
}
