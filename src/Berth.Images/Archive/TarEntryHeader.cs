using System.Formats.Tar;

namespace Berth.Images.Archive;

/// <summary>What one tar entry says about itself; its data (for a regular file, <see cref="Size"/> bytes) follows it.</summary>
internal sealed record TarEntryHeader(string Name, TarEntryType Type)
{
    /// <summary>The twelve permission bits (setuid, setgid and sticky included).</summary>
    public int Mode { get; init; }

    public long Uid { get; init; }

    public long Gid { get; init; }

    public long Size { get; init; }

    /// <summary>Unix seconds (Docker truncates modification times to the second).</summary>
    public long ModificationTime { get; init; }

    public string LinkName { get; init; } = "";

    public long DeviceMajor { get; init; }

    public long DeviceMinor { get; init; }

    /// <summary>Extended attributes, written as <c>SCHILY.xattr.</c> PAX records.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Xattrs { get; init; } = [];
}
