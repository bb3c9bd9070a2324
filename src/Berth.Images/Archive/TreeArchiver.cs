using System.Formats.Tar;
using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>
/// Writes a directory tree as a tar, as Docker's archive.Tar does: entries in byte order of their names, parents
/// first, directories named with a trailing slash, hard links after the first name of their file, times truncated
/// to the second, only the security.capability xattr, sockets left out. The tree is read through directory fds one
/// name at a time and no symlink is ever followed, so a tree that changes while it is read (a running container)
/// cannot lead it outside.
/// </summary>
internal sealed class TreeArchiver
{
    private const string CapabilityXattr = "security.capability";

    private readonly TarOutput _tar;
    private readonly TreeArchiveOptions _options;
    private readonly Dictionary<(ulong Device, ulong Inode), string> _firstNames = [];

    public TreeArchiver(TarOutput tar, TreeArchiveOptions options)
    {
        _tar = tar;
        _options = options;
    }

    /// <summary>Writes what is in <paramref name="directory"/>, named relative to it (the directory itself is not an entry).</summary>
    public Task WriteChildrenAsync(SafeFdHandle directory, CancellationToken ct) => WriteChildrenAsync(directory, "", ct);

    /// <summary>Writes the entry <paramref name="name"/> of <paramref name="parent"/> (and all below it) as <paramref name="archiveName"/>.</summary>
    public async Task WriteEntryAsync(SafeFdHandle parent, string name, string archiveName, CancellationToken ct)
    {
        if (_options.Skip?.Contains(archiveName) == true || !FileSystemNodes.TryGetStatus(parent, name, out var status))
        {
            return;
        }

        switch (status.Type)
        {
            case FileSystemNodeType.Directory:
                await WriteDirectoryAsync(parent, name, archiveName, status, ct).ConfigureAwait(false);
                break;
            case FileSystemNodeType.RegularFile:
                await WriteFileAsync(parent, name, archiveName, status, ct).ConfigureAwait(false);
                break;
            case FileSystemNodeType.SymbolicLink:
                await _tar.WriteHeaderAsync(Header(archiveName, TarEntryType.SymbolicLink, status) with { LinkName = FileTreeReader.ReadLink(parent, name) }, ct)
                    .ConfigureAwait(false);
                break;
            case FileSystemNodeType.CharacterDevice when _options.OverlayWhiteouts && status is { RdevMajor: 0, RdevMinor: 0 }:
                var (directory, file) = SplitLast(archiveName);
                await _tar.WriteHeaderAsync(Header(directory + Whiteout.Prefix + file, TarEntryType.RegularFile, status) with { Mode = 0x180 }, ct)
                    .ConfigureAwait(false);
                break;
            case FileSystemNodeType.CharacterDevice or FileSystemNodeType.BlockDevice or FileSystemNodeType.Fifo:
                var type = status.Type switch
                {
                    FileSystemNodeType.CharacterDevice => TarEntryType.CharacterDevice,
                    FileSystemNodeType.BlockDevice => TarEntryType.BlockDevice,
                    _ => TarEntryType.Fifo,
                };
                await _tar.WriteHeaderAsync(Header(archiveName, type, status) with { DeviceMajor = status.RdevMajor, DeviceMinor = status.RdevMinor }, ct)
                    .ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Writes <paramref name="directory"/> itself as <paramref name="archiveName"/>, then everything in it.</summary>
    public async Task WriteDirectoryAsync(SafeFdHandle directory, string archiveName, CancellationToken ct)
    {
        var status = FileTreeReader.Status(directory);
        await _tar.WriteHeaderAsync(Header(archiveName.TrimEnd('/') + "/", TarEntryType.Directory, status), ct).ConfigureAwait(false);
        await WriteChildrenAsync(directory, archiveName.TrimEnd('/') + "/", ct).ConfigureAwait(false);
    }

    private async Task WriteChildrenAsync(SafeFdHandle directory, string prefix, CancellationToken ct)
    {
        foreach (var name in FileTreeReader.Names(directory))
        {
            await WriteEntryAsync(directory, name, prefix + name, ct).ConfigureAwait(false);
        }
    }

    private async Task WriteDirectoryAsync(SafeFdHandle parent, string name, string archiveName, FileSystemStatus status, CancellationToken ct)
    {
        var header = Header(archiveName + "/", TarEntryType.Directory, status);
        await _tar.WriteHeaderAsync(header, ct).ConfigureAwait(false);
        if (_options.OverlayWhiteouts && FileTreeReader.GetXattr(parent, name, Whiteout.OpaqueXattr) is [(byte)'y'])
        {
            // Go gives the marker no time: it is written as 0.
            var marker = new TarEntryHeader(archiveName + "/" + Whiteout.OpaqueMarker, TarEntryType.RegularFile)
            {
                Mode = header.Mode & 0x1FF,
                Uid = header.Uid,
                Gid = header.Gid,
            };
            await _tar.WriteHeaderAsync(marker, ct).ConfigureAwait(false);
        }

        SafeFdHandle directory;
        try
        {
            directory = FileTreeReader.OpenDirectory(parent, name, _options.CrossMounts);
        }
        catch (LinuxException e) when (e.Errno is Errno.EXDEV or Errno.ELOOP or Errno.ENOENT or Errno.ENOTDIR)
        {
            // A mount point not to be crossed, or a directory that changed since it was looked at.
            return;
        }

        using (directory)
        {
            await WriteChildrenAsync(directory, archiveName + "/", ct).ConfigureAwait(false);
        }
    }

    private async Task WriteFileAsync(SafeFdHandle parent, string name, string archiveName, FileSystemStatus status, CancellationToken ct)
    {
        var header = Header(archiveName, TarEntryType.RegularFile, status) with { Size = status.Size };
        if (status.LinkCount > 1)
        {
            if (_firstNames.TryGetValue((status.Device, status.Inode), out var first))
            {
                await _tar.WriteHeaderAsync(header with { Type = TarEntryType.HardLink, LinkName = first, Size = 0 }, ct).ConfigureAwait(false);
                return;
            }

            _firstNames[(status.Device, status.Inode)] = archiveName;
        }

        Microsoft.Win32.SafeHandles.SafeFileHandle file;
        try
        {
            file = FileTreeReader.OpenFile(parent, name);
        }
        catch (LinuxException e) when (e.Errno is Errno.ENOENT or Errno.ELOOP)
        {
            return;
        }

        using (file)
        {
            if (Capability(parent, name) is { } capability)
            {
                header = header with { Xattrs = [new(CapabilityXattr, capability)] };
            }

            await _tar.WriteHeaderAsync(header, ct).ConfigureAwait(false);
            await _tar.CopyFileAsync(file, ct).ConfigureAwait(false);
        }
    }

    private static TarEntryHeader Header(string name, TarEntryType type, FileSystemStatus status) => new(name, type)
    {
        Mode = (int)status.Mode,
        Uid = status.Uid,
        Gid = status.Gid,
        ModificationTime = status.ModificationTime.ToUnixTimeSeconds(),
    };

    /// <summary>
    /// Docker's ReadSecurityXattrToTarHeader: file capabilities travel with the file; a v3 value (with a namespace
    /// root uid) is written as v2, since that uid means nothing outside the namespace the archive is made in.
    /// </summary>
    private static byte[]? Capability(SafeFdHandle parent, string name)
    {
        const int V2Size = 20;
        var value = FileTreeReader.GetXattr(parent, name, CapabilityXattr);
        if (value is { Length: > 3 } && value[3] == 3)
        {
            value[3] = 2;
            return value[..Math.Min(V2Size, value.Length)];
        }

        return value;
    }

    private static (string Directory, string File) SplitLast(string path)
    {
        var slash = path.LastIndexOf('/');
        return (path[..(slash + 1)], path[(slash + 1)..]);
    }
}
