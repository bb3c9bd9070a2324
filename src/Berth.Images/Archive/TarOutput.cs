using System.Buffers;
using System.Formats.Tar;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Berth.Images.Archive;

/// <summary>
/// Writes a tar stream as Go's archive/tar writes Docker's: a USTAR header per entry (a long name split into prefix
/// and name), preceded by a PAX extended header only when something does not fit USTAR (a long or non-ASCII name,
/// xattrs, a size or id too large), and two zero blocks at the end. Output is buffered and written asynchronously;
/// the caller writes exactly an entry's <see cref="TarEntryHeader.Size"/> bytes of data after its header.
/// </summary>
internal sealed class TarOutput(Stream output) : IAsyncDisposable
{
    private const int BlockSize = 512;
    private const int BufferSize = 256 * 1024;
    private const string XattrPrefix = "SCHILY.xattr.";

    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _buffered;
    private long _remaining;
    private int _padding;

    public async Task WriteHeaderAsync(TarEntryHeader header, CancellationToken ct)
    {
        await FinishEntryAsync(ct).ConfigureAwait(false);
        var block = new byte[BlockSize];
        if (PaxRecords(header) is { Count: > 0 } records)
        {
            var data = EncodeRecords(records);
            EncodeRaw(block, PaxHeaderName(header.Name), TarEntryType.ExtendedAttributes, data.Length);
            await AppendAsync(block, ct).ConfigureAwait(false);
            await AppendAsync(data, ct).ConfigureAwait(false);
            await AppendAsync(new byte[Padding(data.Length)], ct).ConfigureAwait(false);
            Array.Clear(block);
            Encode(block, header, ustar: false);
        }
        else
        {
            Encode(block, header, ustar: true);
        }

        await AppendAsync(block, ct).ConfigureAwait(false);
        _remaining = header.Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? header.Size : 0;
        _padding = Padding(_remaining);
    }

    public async ValueTask WriteDataAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (data.Length > _remaining)
        {
            throw new InvalidOperationException($"{data.Length} bytes written to an entry that takes {_remaining} more");
        }

        _remaining -= data.Length;
        await AppendAsync(data, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the current entry's data from <paramref name="file"/>. A file that shrank since it was looked at is
    /// padded with zeros and one that grew is cut, so the archive stays well formed (its size is in the header).
    /// </summary>
    public async Task CopyFileAsync(SafeFileHandle file, CancellationToken ct)
    {
        long offset = 0;
        while (_remaining > 0)
        {
            if (_buffered == BufferSize)
            {
                await FlushBufferAsync(ct).ConfigureAwait(false);
            }

            var room = (int)Math.Min(BufferSize - _buffered, _remaining);
            var read = RandomAccess.Read(file, _buffer.AsSpan(_buffered, room), offset);
            if (read == 0)
            {
                await WriteDataAsync(new byte[_remaining], ct).ConfigureAwait(false);
                return;
            }

            offset += read;
            _buffered += read;
            _remaining -= read;
        }
    }

    /// <summary>Ends the archive (two zero blocks) and writes out everything buffered.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FinishEntryAsync(ct).ConfigureAwait(false);
        await AppendAsync(new byte[2 * BlockSize], ct).ConfigureAwait(false);
        await FlushBufferAsync(ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        return ValueTask.CompletedTask;
    }

    private static int Padding(long size) => (int)((BlockSize - (size % BlockSize)) % BlockSize);

    private async Task FinishEntryAsync(CancellationToken ct)
    {
        if (_remaining != 0)
        {
            throw new InvalidOperationException($"the previous entry is missing {_remaining} bytes of data");
        }

        if (_padding > 0)
        {
            await AppendAsync(new byte[_padding], ct).ConfigureAwait(false);
            _padding = 0;
        }
    }

    private async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (data.Length >= BufferSize)
        {
            await FlushBufferAsync(ct).ConfigureAwait(false);
            await output.WriteAsync(data, ct).ConfigureAwait(false);
            return;
        }

        while (!data.IsEmpty)
        {
            var count = Math.Min(BufferSize - _buffered, data.Length);
            data.Span[..count].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += count;
            data = data[count..];
            if (_buffered == BufferSize)
            {
                await FlushBufferAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken ct)
    {
        if (_buffered > 0)
        {
            await output.WriteAsync(_buffer.AsMemory(0, _buffered), ct).ConfigureAwait(false);
            _buffered = 0;
        }
    }

    /// <summary>The PAX records Go's writer would emit for this header (none when it fits USTAR).</summary>
    private static List<KeyValuePair<string, byte[]>> PaxRecords(TarEntryHeader header)
    {
        var records = new List<KeyValuePair<string, byte[]>>();
        if (!FitsName(header.Name, allowSplit: true))
        {
            records.Add(new("path", Encoding.UTF8.GetBytes(header.Name)));
        }

        if (!FitsName(header.LinkName, allowSplit: false))
        {
            records.Add(new("linkpath", Encoding.UTF8.GetBytes(header.LinkName)));
        }

        AddNumber(records, "uid", header.Uid, 8);
        AddNumber(records, "gid", header.Gid, 8);
        AddNumber(records, "size", header.Size, 12);
        AddNumber(records, "mtime", header.ModificationTime, 12);
        foreach (var (key, value) in header.Xattrs)
        {
            records.Add(new(XattrPrefix + key, value));
        }

        if (records.Count == 0)
        {
            return records;
        }

        // A PAX header is coming anyway: a long name then goes in it even if USTAR's prefix could have held it.
        if (!records.Any(r => r.Key == "path") && !FitsName(header.Name, allowSplit: false))
        {
            records.Add(new("path", Encoding.UTF8.GetBytes(header.Name)));
        }

        records.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return records;
    }

    private static void AddNumber(List<KeyValuePair<string, byte[]>> records, string key, long value, int fieldSize)
    {
        if (!FitsOctal(value, fieldSize))
        {
            records.Add(new(key, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static bool FitsName(string name, bool allowSplit) =>
        Ascii.IsValid(name) && (name.Length <= 100 || (allowSplit && SplitUstarName(name) is not null));

    private static bool FitsOctal(long value, int fieldSize) => value >= 0 && value < 1L << (3 * (fieldSize - 1));

    /// <summary>Go's splitUSTARPath: a prefix of at most 155 bytes and a name of at most 100, split at a slash.</summary>
    private static (string Prefix, string Name)? SplitUstarName(string name)
    {
        if (name.Length <= 100 || !Ascii.IsValid(name))
        {
            return null;
        }

        var length = name.Length > 156 ? 156 : name[^1] == '/' ? name.Length - 1 : name.Length;
        var slash = name.LastIndexOf('/', length - 1);
        var suffix = name.Length - slash - 1;
        return slash <= 0 || suffix > 100 || suffix == 0 || slash > 155 ? null : (name[..slash], name[(slash + 1)..]);
    }

    private static byte[] EncodeRecords(List<KeyValuePair<string, byte[]>> records)
    {
        using var data = new MemoryStream();
        foreach (var (key, value) in records)
        {
            // "<length> <key>=<value>\n", where the length counts its own digits.
            var body = Encoding.UTF8.GetByteCount(key) + value.Length + 3;
            var length = body + body.ToString(CultureInfo.InvariantCulture).Length;
            if (length.ToString(CultureInfo.InvariantCulture).Length + body != length)
            {
                length++;
            }

            data.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " "));
            data.Write(Encoding.UTF8.GetBytes(key + "="));
            data.Write(value);
            data.WriteByte((byte)'\n');
        }

        return data.ToArray();
    }

    private static void Encode(Span<byte> block, TarEntryHeader header, bool ustar)
    {
        var (prefix, name) = ustar && header.Name.Length > 100 ? SplitUstarName(header.Name)!.Value : ("", header.Name);
        Text(block[..100], name);
        Octal(block[100..108], header.Mode);
        Octal(block[108..116], header.Uid);
        Octal(block[116..124], header.Gid);
        Octal(block[124..136], header.Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? header.Size : 0);
        Octal(block[136..148], header.ModificationTime);
        block[156] = (byte)header.Type;
        Text(block[157..257], header.LinkName);
        "ustar\0"u8.CopyTo(block[257..]);
        "00"u8.CopyTo(block[263..]);
        if (header.Type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            Octal(block[329..337], header.DeviceMajor);
            Octal(block[337..345], header.DeviceMinor);
        }
        else
        {
            Octal(block[329..337], 0);
            Octal(block[337..345], 0);
        }

        Text(block[345..500], prefix);
        Checksum(block);
    }

    /// <summary>Go's writeRawFile: the header of a PAX extended header "file".</summary>
    private static void EncodeRaw(Span<byte> block, string name, TarEntryType type, long size)
    {
        var ascii = new string(name.Where(c => c is > '\0' and < '\x80').ToArray());
        Text(block[..100], (ascii.Length > 100 ? ascii[..100] : ascii).TrimEnd('/'));
        Octal(block[100..108], 0);
        Octal(block[108..116], 0);
        Octal(block[116..124], 0);
        Octal(block[124..136], size);
        Octal(block[136..148], 0);
        block[156] = (byte)type;
        "ustar\0"u8.CopyTo(block[257..]);
        "00"u8.CopyTo(block[263..]);
        Checksum(block);
    }

    /// <summary>A string field, cut to fit (a PAX record then holds the whole value), without non-ASCII characters, as Go's toASCII.</summary>
    private static void Text(Span<byte> field, string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (count == field.Length)
            {
                break;
            }

            if (c is > '\0' and < '\x80')
            {
                field[count++] = (byte)c;
            }
        }
    }

    /// <summary>Go's formatOctal: zero-padded to the field less one byte, then a NUL; zero when it does not fit.</summary>
    private static void Octal(Span<byte> field, long value)
    {
        if (!FitsOctal(value, field.Length))
        {
            value = 0;
        }

        var digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(digits, field);
        field[^1] = 0;
    }

    private static void Checksum(Span<byte> block)
    {
        block[148..156].Fill((byte)' ');
        var sum = 0;
        foreach (var b in block)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0'), block[148..154]);
        block[154] = 0;
        block[155] = (byte)' ';
    }

    /// <summary>Go's path.Join(dir, "PaxHeaders.0", file) over path.Split(name): "a/b" → "a/PaxHeaders.0/b", "a/b/" → "a/b/PaxHeaders.0".</summary>
    private static string PaxHeaderName(string name)
    {
        var slash = name.LastIndexOf('/');
        var parts = new[] { slash < 0 ? "" : name[..slash], "PaxHeaders.0", name[(slash + 1)..] };
        return string.Join('/', parts.Where(p => p.Length > 0));
    }
}
