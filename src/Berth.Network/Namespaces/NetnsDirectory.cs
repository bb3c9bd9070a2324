using Berth.Network.Netlink;

namespace Berth.Network.Namespaces;

/// <summary>
/// Persistent network namespaces as <c>ip netns add</c> makes them: one empty file per namespace under a
/// directory (e.g. <c>&lt;runRoot&gt;/netns/&lt;containerId&gt;</c>) with the namespace bind-mounted on it,
/// so it outlives every process in it. The path is what the OCI runtime is given as the container's
/// network namespace. Create and delete are idempotent, so a half-made namespace is finished or removed
/// by simply calling again; <see cref="Sweep"/> removes those of containers that no longer exist.
/// </summary>
public sealed class NetnsDirectory
{
    private const int MaxStackedMounts = 8;

    public NetnsDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Path = System.IO.Path.GetFullPath(directory);
    }

    public string Path { get; }

    public string PathOf(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Contains('/', StringComparison.Ordinal) || id is "." or "..")
        {
            throw new ArgumentException($"invalid namespace name: {id}", nameof(id));
        }

        return System.IO.Path.Combine(Path, id);
    }

    /// <summary>Creates the namespace <paramref name="id"/> with <c>lo</c> up, or returns the existing one.</summary>
    public async Task<string> CreateAsync(string id)
    {
        var path = PathOf(id);
        Directory.CreateDirectory(Path);
        if (IsNamespaceMount(path))
        {
            return path;
        }

        using (File.Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        try
        {
            await NetworkNamespace.RunInNewAsync(() =>
            {
                if (Interop.Libc.mount("/proc/thread-self/ns/net", path, "none", Interop.Libc.MS_BIND, null) != 0)
                {
                    throw NetworkException.FromLastError("mount --bind netns", path);
                }

                using var netlink = NetlinkConnection.Open();
                var loopback = netlink.FindLink("lo") ?? throw new NetworkException(Errno.ENODEV, "set link up", "lo");
                netlink.SetUp(loopback.Index);
                return true;
            }).ConfigureAwait(false);
        }
        catch
        {
            Delete(id);
            throw;
        }

        return path;
    }

    /// <summary>Unmounts and removes the namespace file. Returns false when there was nothing to remove.</summary>
    public bool Delete(string id)
    {
        var path = PathOf(id);
        var unmounted = false;
        // Two racing creates of one id can stack two mounts on the file: take them all off.
        for (var i = 0; i < MaxStackedMounts && Interop.Libc.umount2(path, Interop.Libc.MNT_DETACH) == 0; i++)
        {
            unmounted = true;
        }

        if (!unmounted && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is not (Errno.EINVAL or Errno.ENOENT))
        {
            throw NetworkException.FromLastError("umount netns", path);
        }

        // File.Delete tolerates a missing file but not a missing directory (no namespace made yet)
        var existed = File.Exists(path);
        if (existed)
        {
            File.Delete(path);
        }

        return unmounted || existed;
    }

    /// <summary>The names of the namespace files present (mounted or half-made).</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Deletes every namespace whose name <paramref name="isKnown"/> rejects; returns their names.</summary>
    public IReadOnlyList<string> Sweep(Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(isKnown);
        var removed = new List<string>();
        foreach (var id in List())
        {
            if (!isKnown(id) && Delete(id))
            {
                removed.Add(id);
            }
        }

        return removed;
    }

    private static unsafe bool IsNamespaceMount(string path)
    {
        var buffer = stackalloc byte[Interop.Libc.StatfsBufferSize];
        return Interop.Libc.statfs(path, buffer) == 0 && *(long*)buffer == Interop.Libc.NSFS_MAGIC;
    }
}
