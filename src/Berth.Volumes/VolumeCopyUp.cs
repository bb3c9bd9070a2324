using Berth.Linux;

namespace Berth.Volumes;

/// <summary>
/// Docker's copy-up: a new, empty volume mounted over a path the image has content at is first filled
/// with that content, owners, modes and times kept. Symlinks are copied as links and never followed,
/// and a source path that is itself a symlink copies nothing.
/// </summary>
public static class VolumeCopyUp
{
    /// <summary>Copies <paramref name="source"/> (a directory in the container's mounted rootfs) into the empty <paramref name="target"/>.</summary>
    public static void Copy(string source, string target)
    {
        if (!FileSystemNodes.TryGetStatus(source, out var root) || !root.IsDirectory || Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        CopyChildren(source, target);
        using var parent = FileSystemNodes.OpenDirectory(Path.GetDirectoryName(target)!);
        ApplyAttributes(parent, Path.GetFileName(target), root);
    }

    private static void CopyChildren(string source, string target)
    {
        using var targetDir = FileSystemNodes.OpenDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            if (!FileSystemNodes.TryGetStatus(entry, out var status))
            {
                continue;
            }

            switch (status.Type)
            {
                case FileSystemNodeType.Directory:
                    FileSystemNodes.CreateDirectory(targetDir, name, status.Mode);
                    CopyChildren(entry, Path.Combine(target, name));
                    break;
                case FileSystemNodeType.RegularFile:
                    using (var output = new FileStream(FileSystemNodes.CreateFile(targetDir, name, status.Mode), FileAccess.Write))
                    using (var input = new FileStream(entry, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                    {
                        input.CopyTo(output, 128 * 1024);
                    }

                    break;
                case FileSystemNodeType.Socket or FileSystemNodeType.Unknown:
                    continue;
                case FileSystemNodeType.SymbolicLink:
                    FileSystemNodes.CreateSymbolicLink(targetDir, name, new FileInfo(entry).LinkTarget ?? "");
                    break;
                default:
                    FileSystemNodes.CreateDevice(targetDir, name, status.Type, status.Mode, status.RdevMajor, status.RdevMinor);
                    break;
            }

            ApplyAttributes(targetDir, name, status);
        }
    }

    private static void ApplyAttributes(SafeFdHandle dir, string name, FileSystemStatus status)
    {
        FileSystemMetadata.SetOwner(dir, name, status.Uid, status.Gid);
        if (status.Type != FileSystemNodeType.SymbolicLink)
        {
            // after chown, which clears setuid/setgid bits
            FileSystemMetadata.SetMode(dir, name, status.Mode);
        }

        FileSystemMetadata.SetTimes(dir, name, status.ModificationTime, status.ModificationTime);
    }
}
