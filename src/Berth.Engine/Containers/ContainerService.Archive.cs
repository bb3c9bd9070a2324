using Berth.Core.Errors;
using Berth.Images.Archive;
using Berth.Linux;
using Berth.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>HEAD /containers/{id}/archive: the stat of a path in the container (404 "Could not find the file" if none).</summary>
    public async Task<ContainerPathStat> StatPathAsync(string idOrName, string path, CancellationToken ct)
    {
        var record = Get(idOrName);
        using var filesystem = await OpenFilesystemAsync(record, writable: false, ct).ConfigureAwait(false);
        return StatOrNotFound(filesystem, idOrName, path);
    }

    /// <summary>
    /// GET /containers/{id}/archive (`docker cp CONTAINER:PATH`): <paramref name="begin"/> gets the path's stat
    /// before the first byte of the tar goes out, then the tar is written.
    /// </summary>
    public async Task ArchivePathAsync(string idOrName, string path, Func<ContainerPathStat, Stream> begin, CancellationToken ct)
    {
        var record = Get(idOrName);
        using (var filesystem = await OpenFilesystemAsync(record, writable: false, ct).ConfigureAwait(false))
        {
            var stat = StatOrNotFound(filesystem, idOrName, path);
            var (root, located) = filesystem.Locate(path);
            await ContainerPaths.WriteArchiveAsync(root, located, stat, begin(stat), ct).ConfigureAwait(false);
        }

        Emit("archive-path", record);
    }

    /// <summary>
    /// PUT /containers/{id}/archive (`docker cp SRC CONTAINER:PATH`): extracts the tar into the directory
    /// <paramref name="path"/> (symlinks on it followed inside the container), refusing read-only destinations.
    /// </summary>
    public async Task ExtractToDirAsync(string idOrName, string path, Stream tar, bool copyUidGid, bool noOverwriteDirNonDir, CancellationToken ct)
    {
        var record = Get(idOrName);
        using (var filesystem = await OpenFilesystemAsync(record, writable: true, ct).ConfigureAwait(false))
        {
            var (root, located) = filesystem.Locate(path);
            using (var destination = RootedLookup.Open(root, ContainerPaths.Absolute(located), followFinal: true))
            {
                if (destination is null)
                {
                    throw FileNotFound(path, idOrName);
                }

                if (!FileTreeReader.Status(destination).IsDirectory)
                {
                    throw Errors.InvalidArgument("extraction point is not a directory");
                }
            }

            CheckWritable(record, ContainerPaths.Resolve(filesystem.Root, path));
            var owner = copyUidGid ? Owner(filesystem, record) : ((uint, uint)?)null;
            await ContainerTarExtractor.ExtractAsync(root, ContainerPaths.Resolve(root, located), tar, new ExtractOptions(noOverwriteDirNonDir, owner), ct).ConfigureAwait(false);
        }

        Emit("extract-to-dir", record);
    }

    private static ContainerPathStat StatOrNotFound(ContainerFilesystem filesystem, string idOrName, string path)
    {
        var (root, located) = filesystem.Locate(path);
        var stat = ContainerPaths.Stat(root, located) ?? throw FileNotFound(path, idOrName);

        // Named as the container names it, also when it is the root of a mount.
        return stat with { Name = ContainerPaths.BaseName(ContainerPaths.Absolute(path)) };
    }

    private static BerthException FileNotFound(string path, string container) =>
        Errors.NotFound($"Could not find the file {path} in container {container}");

    /// <summary>moby's checkWritablePath: a volume decides for the paths under it, the rootfs for the rest.</summary>
    private static void CheckWritable(ContainerRecord record, string resolved)
    {
        var mount = record.MountPoints
            .Where(m => resolved == m.Destination || resolved.StartsWith(m.Destination.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(m => m.Destination.Length);
        if (mount is not null)
        {
            if (!mount.ReadWrite)
            {
                throw Errors.InvalidArgument("mounted volume is marked read-only");
            }

            return;
        }

        if (record.Host.ReadonlyRootfs)
        {
            throw Errors.InvalidArgument("container rootfs is marked read-only");
        }
    }

    /// <summary>`cp -a`: the container user's uid and gid, looked up in the container's own passwd and group files.</summary>
    private static (uint, uint) Owner(ContainerFilesystem filesystem, ContainerRecord record)
    {
        var user = UserLookup.Resolve(filesystem.RootPath, record.Config.User);
        return (user.Uid, user.Gid);
    }
}
