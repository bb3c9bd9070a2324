using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>
/// Extracts a tar (plain or compressed) into a directory of a container, as Docker's archive.Unpack does for
/// <c>docker cp</c>: existing entries are replaced (directories merge), missing parents are made, owners, modes,
/// times and xattrs are applied. Every parent is looked up inside the container's root (openat2 RESOLVE_IN_ROOT),
/// so a symlink in the container resolves as the container sees it and never to a host path; the entry itself is
/// made relative to that parent without following anything; names climbing above the destination are refused.
/// </summary>
public sealed class ContainerTarExtractor
{
    private const string SchilyXattrPrefix = "SCHILY.xattr.";
    private const UnixFileMode ImpliedDirectoryMode = (UnixFileMode)0x1ED;
    private const int BufferSize = 128 * 1024;

    private readonly SafeFdHandle _root;
    private readonly string _destination;
    private readonly ExtractOptions _options;
    private readonly List<(string Path, DateTimeOffset Time)> _directoryTimes = [];
    private readonly byte[] _buffer = new byte[BufferSize];

    private ContainerTarExtractor(SafeFdHandle root, string destination, ExtractOptions options)
    {
        _root = root;
        _destination = destination.TrimEnd('/');
        _options = options;
    }

    /// <param name="root">The container's root directory.</param>
    /// <param name="destination">The container path of the directory to extract into (resolved, and a directory).</param>
    /// <exception cref="BerthException">InvalidArgument for a malformed archive or an entry that cannot be placed.</exception>
    public static async Task ExtractAsync(SafeFdHandle root, string destination, Stream tar, ExtractOptions options, CancellationToken ct)
    {
        var extractor = new ContainerTarExtractor(root, destination, options);
        await using var reader = await LayerTarReader.OpenAsync(tar, null, ct).ConfigureAwait(false);
        while (await reader.NextEntryAsync(ct).ConfigureAwait(false) is { } entry)
        {
            try
            {
                await extractor.ExtractAsync(reader, entry, ct).ConfigureAwait(false);
            }
            catch (LinuxException e)
            {
                throw Errors.InvalidArgument($"cannot extract \"{entry.Name}\": {e.Message}");
            }
        }

        extractor.RestoreDirectoryTimes();
    }

    private async Task ExtractAsync(LayerTarReader reader, TarEntry entry, CancellationToken ct)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        if (!EntryPath.TryClean(entry.Name, out var path, allowAbsolute: true))
        {
            throw Errors.InvalidArgument($"invalid tar entry \"{entry.Name}\": outside of {_destination}");
        }

        var isDirectory = entry.EntryType == TarEntryType.Directory;
        if (path is null)
        {
            // "." names the destination itself, which stays as it is.
            return;
        }

        var (parentPath, name) = EntryPath.Split(path);
        using var parent = OpenParent(parentPath);
        if (FileSystemNodes.TryGetStatus(parent, name, out var existing))
        {
            if (_options.NoOverwriteDirNonDir && existing.IsDirectory != isDirectory)
            {
                throw Errors.InvalidArgument(existing.IsDirectory
                    ? $"cannot overwrite directory \"{ContainerPath(path)}\" with non-directory \"{_destination}\""
                    : $"cannot overwrite non-directory \"{ContainerPath(path)}\" with directory \"{_destination}\"");
            }

            if (!existing.IsDirectory || !isDirectory)
            {
                FileSystemTree.Remove(parent, name);
            }
        }

        var mode = entry.Mode & (UnixFileMode)0xFFF;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (!existing.IsDirectory)
                {
                    FileSystemNodes.CreateDirectory(parent, name, mode);
                }

                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                await WriteFileAsync(reader, entry, parent, name, ct).ConfigureAwait(false);
                break;
            case TarEntryType.SymbolicLink:
                FileSystemNodes.CreateSymbolicLink(parent, name, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                MakeHardLink(entry, parent, name);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var type = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => FileSystemNodeType.CharacterDevice,
                    TarEntryType.BlockDevice => FileSystemNodeType.BlockDevice,
                    _ => FileSystemNodeType.Fifo,
                };
                var (major, minor) = entry is PosixTarEntry posix ? (posix.DeviceMajor, posix.DeviceMinor) : (0, 0);
                FileSystemNodes.CreateDevice(parent, name, type, mode, (uint)major, (uint)minor);
                break;
            default:
                throw Errors.InvalidArgument($"unhandled tar header type {entry.EntryType}");
        }

        ApplyAttributes(entry, parent, path, name);
    }

    private async Task WriteFileAsync(LayerTarReader reader, TarEntry entry, SafeFdHandle parent, string name, CancellationToken ct)
    {
        using var file = FileSystemNodes.CreateFile(parent, name, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        long written = 0;
        int read;
        while ((read = await reader.ReadDataAsync(entry, _buffer, ct).ConfigureAwait(false)) > 0)
        {
            RandomAccess.Write(file, _buffer.AsSpan(0, read), written);
            written += read;
        }

        if (written != entry.Length)
        {
            throw Errors.InvalidArgument("unexpected EOF");
        }
    }

    /// <summary>A hard link's target is a path below the destination (Docker joins it to the extraction dir); it is linked, never followed.</summary>
    private void MakeHardLink(TarEntry entry, SafeFdHandle parent, string name)
    {
        if (!EntryPath.TryClean(entry.LinkName, out var target, allowAbsolute: true) || target is null)
        {
            throw Errors.InvalidArgument($"invalid hardlink \"{entry.Name}\" -> \"{entry.LinkName}\": outside of {_destination}");
        }

        var (targetParentPath, targetName) = EntryPath.Split(target);
        using var targetParent = OpenParent(targetParentPath);
        FileSystemNodes.CreateHardLink(targetParent, targetName, parent, name);
    }

    /// <summary>Owner, then mode (chown clears setuid), then xattrs, then times; directories get their times at the end.</summary>
    private void ApplyAttributes(TarEntry entry, SafeFdHandle parent, string path, string name)
    {
        var (uid, gid) = _options.Owner ?? ((uint)entry.Uid, (uint)entry.Gid);
        FileSystemMetadata.SetOwner(parent, name, uid, gid);
        if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            FileSystemMetadata.SetTimes(parent, name, entry.ModificationTime, entry.ModificationTime);
            return;
        }

        FileSystemMetadata.SetMode(parent, name, entry.Mode & (UnixFileMode)0xFFF);
        SetXattrs(entry, parent, name);
        if (entry.EntryType == TarEntryType.Directory)
        {
            _directoryTimes.Add((path, entry.ModificationTime));
        }
        else
        {
            FileSystemMetadata.SetTimes(parent, name, entry.ModificationTime, entry.ModificationTime);
        }
    }

    private static void SetXattrs(TarEntry entry, SafeFdHandle parent, string name)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach (var (key, value) in pax.ExtendedAttributes.Where(a => a.Key.StartsWith(SchilyXattrPrefix, StringComparison.Ordinal)))
        {
            try
            {
                FileSystemMetadata.SetXattr(parent, name, key[SchilyXattrPrefix.Length..], Encoding.UTF8.GetBytes(value));
            }
            catch (LinuxException e) when (e.Errno is Errno.EOPNOTSUPP or Errno.EPERM)
            {
                // As Docker: a filesystem without xattrs, or a namespace that refuses one, is not an error.
            }
        }
    }

    /// <summary>Opens a directory below the destination, resolved inside the root, making what is missing (0755, as Docker's MkdirAll).</summary>
    private SafeFdHandle OpenParent(string parentPath)
    {
        var relative = parentPath == "." ? "" : parentPath;
        var missing = new Stack<string>();
        while (true)
        {
            var containerPath = relative.Length == 0 ? _destination : _destination + "/" + relative;
            if (RootedLookup.Open(_root, containerPath, followFinal: true) is { } found)
            {
                if (!FileTreeReader.Status(found).IsDirectory)
                {
                    found.Dispose();
                    throw new LinuxException(Errno.ENOTDIR, "openat2", containerPath);
                }

                return CreateMissing(found, missing);
            }

            if (relative.Length == 0)
            {
                throw new LinuxException(Errno.ENOENT, "openat2", containerPath);
            }

            var (up, name) = EntryPath.Split(relative);
            missing.Push(name);
            relative = up == "." ? "" : up;
        }
    }

    private static SafeFdHandle CreateMissing(SafeFdHandle directory, Stack<string> missing)
    {
        try
        {
            while (missing.TryPop(out var name))
            {
                FileSystemNodes.CreateDirectory(directory, name, ImpliedDirectoryMode);
                FileSystemMetadata.SetMode(directory, name, ImpliedDirectoryMode);
                var child = FileTreeReader.OpenDirectory(directory, name, crossMounts: false);
                directory.Dispose();
                directory = child;
            }

            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private void RestoreDirectoryTimes()
    {
        foreach (var (path, time) in _directoryTimes)
        {
            var (parentPath, name) = EntryPath.Split(path);
            try
            {
                using var parent = OpenParent(parentPath);
                FileSystemMetadata.SetTimes(parent, name, time, time);
            }
            catch (LinuxException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                // A later entry replaced the directory.
            }
        }
    }

    private string ContainerPath(string path) => _destination + "/" + path;
}
