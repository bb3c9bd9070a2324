using System.Buffers;
using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>
/// Applies the entries of a layer tar to an empty directory, in overlayfs form (a whiteout becomes a 0/0 character
/// device, an opaque marker an xattr on its directory). Every entry is made relative to a directory fd opened below
/// the root without following any symlink, so nothing can be written outside the root: names that climb out,
/// paths that go through a symlink and hard links to anything but this layer's own files are refused.
/// </summary>
internal sealed class LayerUnpacker : IDisposable
{
    private const int BufferSize = 128 * 1024;
    private const string SchilyXattrPrefix = "SCHILY.xattr.";
    private const string OverlayXattrPrefix = "trusted.overlay.";
    private const string GnuSparsePrefix = "GNU.sparse.";
    private const UnixFileMode Permissions = (UnixFileMode)0x1FF;
    private const UnixFileMode ImpliedDirectoryMode = (UnixFileMode)0x1ED; // 0755, as Docker makes missing parents
    private const int ENAMETOOLONG = 36;

    private readonly string _rootPath;
    private readonly SafeFdHandle _root;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly List<(string Path, DateTimeOffset Time)> _directoryTimes = [];
    private long _size;

    private LayerUnpacker(string root)
    {
        _rootPath = root;
        _root = FileSystemNodes.OpenDirectory(root);
    }

    private enum Slot
    {
        Free,
        Directory,
        WasWhiteout,
    }

    /// <summary>
    /// Applies every entry to the empty directory <paramref name="root"/>. Returns the layer's size: the bytes of its
    /// non-directories (a symlink counts its target's length), each hard-linked file once, as Docker measures layers.
    /// </summary>
    public static async Task<long> UnpackAsync(LayerTarReader reader, string root, CancellationToken ct)
    {
        using var unpacker = new LayerUnpacker(root);
        while (await reader.NextEntryAsync(ct).ConfigureAwait(false) is { } entry)
        {
            await unpacker.ApplyAsync(reader, entry, ct).ConfigureAwait(false);
        }

        unpacker.RestoreDirectoryTimes();
        return unpacker._size;
    }

    public void Dispose()
    {
        _root.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private async Task ApplyAsync(LayerTarReader reader, TarEntry entry, CancellationToken ct)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        RefuseUnsupported(entry);
        if (!EntryPath.TryClean(entry.Name, out var path))
        {
            throw Invalid(entry, "outside of the layer");
        }

        // The root itself (Docker leaves it as the store made it), and AUFS bookkeeping such as .wh..wh.plnk/.
        if (path is null || Whiteout.IsAufsMetadata(path))
        {
            return;
        }

        try
        {
            var (parentPath, name) = EntryPath.Split(path);
            using var parent = OpenParent(parentPath);
            if (Whiteout.IsWhiteout(name))
            {
                ApplyWhiteout(parent, name, entry);
                return;
            }

            var slot = ClearSlot(parent, path, name, entry.EntryType == TarEntryType.Directory);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    MakeDirectory(parent, path, name, entry, slot);
                    break;
                case TarEntryType.SymbolicLink:
                    MakeSymbolicLink(parent, path, name, entry);
                    break;
                case TarEntryType.HardLink:
                    MakeHardLink(parent, name, entry);
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    MakeDevice(parent, path, name, entry);
                    break;
                default:
                    await WriteFileAsync(reader, parent, path, name, entry, ct).ConfigureAwait(false);
                    break;
            }
        }
        catch (LinuxException e) when (RefusalReason(e.Errno) is { } reason)
        {
            throw Invalid(entry, reason, e);
        }
    }

    private static void RefuseUnsupported(TarEntry entry)
    {
        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
            or TarEntryType.Directory or TarEntryType.SymbolicLink or TarEntryType.HardLink
            or TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo))
        {
            throw Invalid(entry, $"unhandled tar header type {entry.EntryType}");
        }

        // TarReader does not expand PAX sparse files: their data would be the sparse map, not the file.
        if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith(GnuSparsePrefix, StringComparison.Ordinal)))
        {
            throw Invalid(entry, "sparse files are not supported");
        }
    }

    /// <summary>Opens the entry's parent, making missing directories as Docker does (0755, root's).</summary>
    private SafeFdHandle OpenParent(string parentPath)
    {
        try
        {
            return FileSystemNodes.OpenDirectoryBeneath(_root, parentPath);
        }
        catch (LinuxException e) when (e.Errno == Errno.ENOENT)
        {
            var dir = FileSystemNodes.OpenDirectoryBeneath(_root, ".");
            try
            {
                foreach (var part in parentPath.Split('/'))
                {
                    if (!FileSystemNodes.TryGetStatus(dir, part, out _))
                    {
                        FileSystemNodes.CreateDirectory(dir, part, ImpliedDirectoryMode);
                        FileSystemMetadata.SetMode(dir, part, ImpliedDirectoryMode);
                    }

                    var child = FileSystemNodes.OpenDirectoryBeneath(dir, part);
                    dir.Dispose();
                    dir = child;
                }

                return dir;
            }
            catch
            {
                dir.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Makes room for an entry: an existing directory stays for a directory entry (they merge); anything else
    /// that is there goes, as in Docker's unpack.
    /// </summary>
    private Slot ClearSlot(SafeFdHandle parent, string path, string name, bool forDirectory)
    {
        if (!FileSystemNodes.TryGetStatus(parent, name, out var existing))
        {
            return Slot.Free;
        }

        if (existing.IsDirectory)
        {
            if (forDirectory)
            {
                return Slot.Directory;
            }

            _size -= FileSystemTree.ApparentSize(Path.Combine(_rootPath, path));
            FileSystemTree.Remove(parent, name);
            return Slot.Free;
        }

        // A file with other links is still counted through them.
        _size -= existing.LinkCount == 1 ? existing.Size : 0;
        FileSystemNodes.Remove(parent, name, directory: false);
        return IsWhiteoutDevice(existing) ? Slot.WasWhiteout : Slot.Free;
    }

    private void ApplyWhiteout(SafeFdHandle parent, string name, TarEntry entry)
    {
        if (name == Whiteout.OpaqueMarker)
        {
            FileSystemMetadata.SetXattr(parent, ".", Whiteout.OpaqueXattr, "y"u8);
            return;
        }

        var hidden = name[Whiteout.Prefix.Length..];
        if (hidden is "" or "." or "..")
        {
            throw Invalid(entry, "invalid whiteout");
        }

        // A whiteout deletes only what the lower layers have: an entry of this layer stays, and a directory of
        // this layer must no longer show the lower directory's children through it.
        if (FileSystemNodes.TryGetStatus(parent, hidden, out var existing))
        {
            if (existing.IsDirectory)
            {
                FileSystemMetadata.SetXattr(parent, hidden, Whiteout.OpaqueXattr, "y"u8);
            }

            return;
        }

        FileSystemNodes.CreateDevice(parent, hidden, FileSystemNodeType.CharacterDevice, 0, 0, 0);
        FileSystemMetadata.SetOwner(parent, hidden, (uint)entry.Uid, (uint)entry.Gid);
    }

    private void MakeDirectory(SafeFdHandle parent, string path, string name, TarEntry entry, Slot slot)
    {
        if (slot != Slot.Directory)
        {
            FileSystemNodes.CreateDirectory(parent, name, entry.Mode & Permissions);
        }

        // Replacing a whiteout of this layer: the lower directory was deleted, so its children must stay hidden.
        if (slot == Slot.WasWhiteout)
        {
            FileSystemMetadata.SetXattr(parent, name, Whiteout.OpaqueXattr, "y"u8);
        }

        ApplyAttributes(parent, path, name, entry);
    }

    private async Task WriteFileAsync(LayerTarReader reader, SafeFdHandle parent, string path, string name, TarEntry entry, CancellationToken ct)
    {
        using (var file = FileSystemNodes.CreateFile(parent, name, UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
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

        _size += entry.Length;
        ApplyAttributes(parent, path, name, entry);
    }

    private void MakeSymbolicLink(SafeFdHandle parent, string path, string name, TarEntry entry)
    {
        if (entry.LinkName.Length == 0)
        {
            throw Invalid(entry, "empty symlink target");
        }

        // The target is data, resolved only inside the container's root at run time; it is never followed here.
        FileSystemNodes.CreateSymbolicLink(parent, name, entry.LinkName);
        _size += Encoding.UTF8.GetByteCount(entry.LinkName);
        ApplyAttributes(parent, path, name, entry);
    }

    /// <summary>A hard link may only point at a file this layer already has (an earlier entry of this tar).</summary>
    private void MakeHardLink(SafeFdHandle parent, string name, TarEntry entry)
    {
        if (!EntryPath.TryClean(entry.LinkName, out var target, allowAbsolute: true) || target is null)
        {
            throw Invalid(entry, $"hard link target \"{entry.LinkName}\" is outside of the layer");
        }

        var (targetParentPath, targetName) = EntryPath.Split(target);
        SafeFdHandle targetParent;
        try
        {
            targetParent = FileSystemNodes.OpenDirectoryBeneath(_root, targetParentPath);
        }
        catch (LinuxException e) when (e.Errno == Errno.ENOENT)
        {
            throw Invalid(entry, $"hard link target \"{entry.LinkName}\" is not in the layer", e);
        }

        using (targetParent)
        {
            if (!FileSystemNodes.TryGetStatus(targetParent, targetName, out var status) || status.IsDirectory)
            {
                throw Invalid(entry, $"hard link target \"{entry.LinkName}\" is not a file of the layer");
            }

            FileSystemNodes.CreateHardLink(targetParent, targetName, parent, name);
        }
    }

    private void MakeDevice(SafeFdHandle parent, string path, string name, TarEntry entry)
    {
        var type = entry.EntryType switch
        {
            TarEntryType.CharacterDevice => FileSystemNodeType.CharacterDevice,
            TarEntryType.BlockDevice => FileSystemNodeType.BlockDevice,
            _ => FileSystemNodeType.Fifo,
        };
        var (major, minor) = entry is PosixTarEntry posix ? (posix.DeviceMajor, posix.DeviceMinor) : (0, 0);
        FileSystemNodes.CreateDevice(parent, name, type, entry.Mode & Permissions, (uint)major, (uint)minor);
        ApplyAttributes(parent, path, name, entry);
    }

    /// <summary>Owner, then mode (chown clears setuid/setgid), then xattrs (chown and writes clear file capabilities), then times.</summary>
    private void ApplyAttributes(SafeFdHandle parent, string path, string name, TarEntry entry)
    {
        FileSystemMetadata.SetOwner(parent, name, (uint)entry.Uid, (uint)entry.Gid);
        if (entry.EntryType != TarEntryType.SymbolicLink)
        {
            FileSystemMetadata.SetMode(parent, name, entry.Mode);
        }

        SetXattrs(parent, name, entry);

        // Creating entries in a directory changes its mtime, so directories get theirs at the end.
        if (entry.EntryType == TarEntryType.Directory)
        {
            _directoryTimes.Add((path, entry.ModificationTime));
        }
        else
        {
            FileSystemMetadata.SetTimes(parent, name, entry.ModificationTime, entry.ModificationTime);
        }
    }

    private static void SetXattrs(SafeFdHandle parent, string name, TarEntry entry)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            if (!key.StartsWith(SchilyXattrPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // Overlay's own attributes come from whiteout markers, never from archive data. And TarReader decodes
            // values as UTF-8: one that was not arrives with U+FFFD in place of its bytes, which are lost.
            var attribute = key[SchilyXattrPrefix.Length..];
            if (attribute.StartsWith(OverlayXattrPrefix, StringComparison.Ordinal) || value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                FileSystemMetadata.SetXattr(parent, name, attribute, Encoding.UTF8.GetBytes(value));
            }
            catch (LinuxException e) when (e.Errno is Errno.EOPNOTSUPP or Errno.EPERM)
            {
                // As Docker: a filesystem without xattrs, or a namespace (user.* on a symlink) that refuses one.
            }
        }
    }

    private void RestoreDirectoryTimes()
    {
        foreach (var (path, time) in _directoryTimes)
        {
            var (parentPath, name) = EntryPath.Split(path);
            try
            {
                using var parent = FileSystemNodes.OpenDirectoryBeneath(_root, parentPath);
                if (FileSystemNodes.TryGetStatus(parent, name, out var status) && status.IsDirectory)
                {
                    FileSystemMetadata.SetTimes(parent, name, time, time);
                }
            }
            catch (LinuxException e) when (e.Errno is Errno.ENOENT or Errno.ELOOP or Errno.ENOTDIR)
            {
                // A later entry of the tar replaced the directory or one of its parents.
            }
        }
    }

    private static bool IsWhiteoutDevice(FileSystemStatus status) =>
        status.Type == FileSystemNodeType.CharacterDevice && status.RdevMajor == 0 && status.RdevMinor == 0;

    private static string? RefusalReason(int errno) => errno switch
    {
        Errno.ELOOP or Errno.EXDEV => "its path goes through a symlink",
        Errno.ENOTDIR => "a parent is not a directory",
        ENAMETOOLONG => "name too long",
        _ => null,
    };

    private static BerthException Invalid(TarEntry entry, string reason, Exception? inner = null) =>
        new(ErrorKind.InvalidArgument, $"invalid tar entry \"{entry.Name}\": {reason}", inner);
}
