using System.Globalization;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Linux;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// Opens a container's filesystem. A running (or paused) container is reached through its init's root, so its
    /// volumes and bind mounts are there as the container sees them. A stopped one gets a detached overlay of its
    /// layers and writes, writable if asked, its volumes reached through the mount list, and keeps its lock until
    /// disposed so it cannot start meanwhile.
    /// </summary>
    private async Task<ContainerFilesystem> OpenFilesystemAsync(ContainerRecord record, bool writable, CancellationToken ct)
    {
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(record.Id);
            if (record.State.Status.IsRunning() && live.Process is { } process && OpenProcessRoot(process.Pid) is { } root)
            {
                // The fd pins the container's root: stop and start may go on.
                live.Lock.Release();
                return new ContainerFilesystem(root, null, []);
            }

            return new ContainerFilesystem(MountStopped(record, writable), live.Lock, DirectoryMounts(record));
        }
        catch
        {
            live.Lock.Release();
            throw;
        }
    }

    /// <summary>
    /// A container's own filesystem, its image layers and writes only (what `docker export` writes): the rootfs
    /// overlay the daemon mounted for a running container, as the daemon sees it (no mounts made inside the
    /// container), or a detached overlay of a stopped one, which keeps the container's lock until disposed.
    /// </summary>
    private async Task<ContainerFilesystem> OpenOwnFilesystemAsync(ContainerRecord record, CancellationToken ct)
    {
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(record.Id);
            if (record.State.Status.IsRunning())
            {
                var rootfs = FileSystemNodes.OpenDirectory(_paths.ContainerRootfs(record.Id));
                live.Lock.Release();
                return new ContainerFilesystem(rootfs, null, []);
            }

            return new ContainerFilesystem(MountStopped(record, writable: false), live.Lock, []);
        }
        catch
        {
            live.Lock.Release();
            throw;
        }
    }

    /// <summary>The volumes and bind mounts of directories a stopped container's overlay does not show: where cp finds them.</summary>
    private static List<(string Destination, string Source)> DirectoryMounts(ContainerRecord record) =>
        record.MountPoints
            .Where(m => m.Type is "volume" or "bind" && Directory.Exists(m.Source))
            .Select(m => ("/" + m.Destination.Trim('/'), m.Source))
            .ToList();

    /// <summary>The root directory of a live process, or null if it is gone (checked through a pidfd, so a reused PID cannot mislead).</summary>
    private static SafeFdHandle? OpenProcessRoot(int pid)
    {
        using var pidfd = PidFd.Open(pid);
        SafeFdHandle root;
        try
        {
            root = FileSystemNodes.OpenDirectory("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/root");
        }
        catch (LinuxException e) when (e.Errno is Errno.ENOENT or Errno.ESRCH)
        {
            return null;
        }

        if (PidFd.SendSignal(pidfd, 0))
        {
            return root;
        }

        root.Dispose();
        return null;
    }

    private SafeFdHandle MountStopped(ContainerRecord record, bool writable)
    {
        var layers = record.ImageChainIds.Select(c => _images.Layers.DiffDir(Digest.Parse(c))).Reverse().ToList();
        var upper = _snapshots.UpperDir(record.Id);
        if (writable)
        {
            _snapshots.Prepare(record.Id, record.ImageChainIds.Select(c => _images.Layers.DiffDir(Digest.Parse(c))).ToList(), _paths.ContainerRootfs(record.Id));
            return DetachedMounts.Overlay(layers, upper, _snapshots.WorkDir(record.Id), readOnly: false);
        }

        // Read only: the container's writes are just the topmost layer (overlay honours their whiteouts there too).
        if (Directory.Exists(upper))
        {
            layers.Insert(0, upper);
        }

        if (layers.Count == 0)
        {
            var empty = Path.Combine(_paths.Tmp, "empty-layer");
            Directory.CreateDirectory(empty);
            layers.Add(empty);
        }

        return DetachedMounts.Overlay(layers, null, null, readOnly: true);
    }
}
