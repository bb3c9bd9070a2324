using System.Globalization;
using Berth.Images.Archive;
using Berth.Linux;

namespace Berth.Engine.Containers;

/// <summary>
/// A container's root directory, opened for the daemon to read or write (export, cp): the running container's own
/// root (its mounts included), or a private overlay of a stopped one that nothing else can see, with the container's
/// volumes and bind mounts reached through <see cref="Locate"/>. Paths below it are looked up inside it only
/// (openat2 RESOLVE_IN_ROOT). Disposing closes it and lets the container start or go again.
/// </summary>
internal sealed class ContainerFilesystem : IDisposable
{
    private readonly SemaphoreSlim? _heldLock;
    private readonly IReadOnlyList<(string Destination, string Source)> _mounts;
    private readonly Dictionary<string, SafeFdHandle> _mountRoots = new(StringComparer.Ordinal);

    /// <param name="mounts">For a stopped container: its directory mounts (container path, host directory), which its overlay does not hold.</param>
    public ContainerFilesystem(SafeFdHandle root, SemaphoreSlim? heldLock, IReadOnlyList<(string Destination, string Source)> mounts)
    {
        Root = root;
        _heldLock = heldLock;
        _mounts = mounts;
    }

    public SafeFdHandle Root { get; }

    /// <summary>A path naming the root, for code that takes a path (valid while this is open).</summary>
    public string RootPath => "/proc/self/fd/" + Root.DangerousGetHandle().ToInt32().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Where a container path lives: in the root, or (for a stopped container) in the volume or bind mount whose
    /// destination holds it once the path's directories are resolved, as a path inside that mount's own root.
    /// </summary>
    public (SafeFdHandle Root, string Path) Locate(string path)
    {
        if (_mounts.Count == 0)
        {
            return (Root, path);
        }

        var absolute = ContainerPaths.Absolute(path);
        var trimmed = absolute.TrimEnd('/');
        var suffix = absolute[trimmed.Length..];
        if (trimmed.EndsWith("/.", StringComparison.Ordinal))
        {
            (trimmed, suffix) = (trimmed[..^2], "/." + suffix);
        }

        var slash = trimmed.LastIndexOf('/');
        var parent = ContainerPaths.Resolve(Root, slash <= 0 ? "/" : trimmed[..slash]);
        var full = (parent == "/" ? "" : parent) + "/" + trimmed[(slash + 1)..];
        var mount = _mounts
            .Where(m => full == m.Destination || full.StartsWith(m.Destination + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Destination.Length)
            .FirstOrDefault();
        if (mount.Source is null)
        {
            return (Root, path);
        }

        if (!_mountRoots.TryGetValue(mount.Source, out var mountRoot))
        {
            _mountRoots[mount.Source] = mountRoot = FileSystemNodes.OpenDirectory(mount.Source);
        }

        var inside = full[mount.Destination.Length..];
        return (mountRoot, (inside.Length == 0 ? "/" : inside) + suffix);
    }

    public void Dispose()
    {
        foreach (var mountRoot in _mountRoots.Values)
        {
            mountRoot.Dispose();
        }

        Root.Dispose();
        _heldLock?.Release();
    }
}
