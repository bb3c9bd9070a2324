using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Berth.Images.Tests.Support;

/// <summary>Builds layer tars in PAX format, entry by entry, as image builders write them.</summary>
internal sealed class TarBuilder
{
    public static readonly DateTimeOffset Time = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly List<PaxTarEntry> _entries = [];

    public TarBuilder File(string name, string content, UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0, Dictionary<string, string>? pax = null) =>
        File(name, Encoding.UTF8.GetBytes(content), mode, uid, gid, pax);

    public TarBuilder File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0x1A4, int uid = 0, int gid = 0, Dictionary<string, string>? pax = null) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name, pax ?? []) { DataStream = new MemoryStream(content), Mode = mode, Uid = uid, Gid = gid });

    public TarBuilder Directory(string name, UnixFileMode mode = (UnixFileMode)0x1ED, int uid = 0, int gid = 0, DateTimeOffset? time = null) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode, Uid = uid, Gid = gid, ModificationTime = time ?? Time });

    public TarBuilder Symlink(string name, string target, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0x1FF, Uid = uid, Gid = gid });

    public TarBuilder HardLink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

    public TarBuilder Device(string name, TarEntryType type, int major, int minor, UnixFileMode mode = (UnixFileMode)0x1B6)
    {
        var entry = new PaxTarEntry(type, name) { Mode = mode };
        if (type != TarEntryType.Fifo)
        {
            entry.DeviceMajor = major;
            entry.DeviceMinor = minor;
        }

        return Add(entry);
    }

    /// <summary>An OCI whiteout: the empty file <c>.wh.NAME</c> beside NAME.</summary>
    public TarBuilder Whiteout(string directory, string name, int uid = 0, int gid = 0) =>
        File(Join(directory, ".wh." + name), "", uid: uid, gid: gid);

    public TarBuilder Opaque(string directory) => File(Join(directory, ".wh..wh..opq"), "");

    public TarBuilder Add(PaxTarEntry entry)
    {
        if (entry.EntryType != TarEntryType.Directory)
        {
            entry.ModificationTime = Time;
        }

        _entries.Add(entry);
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] tar)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return buffer.ToArray();
    }

    public static byte[] Zstd(byte[] tar)
    {
        using var buffer = new MemoryStream();
        using (var zstd = new ZstdSharp.CompressionStream(buffer, level: 3, leaveOpen: true))
        {
            zstd.Write(tar);
        }

        return buffer.ToArray();
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory.TrimEnd('/') + "/" + name;
}
