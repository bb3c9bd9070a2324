using System.Globalization;
using Berth.Linux;

namespace Berth.Engine.Containers;

/// <summary>
/// A container's root directory, opened for the daemon to read or write (export, cp): the running container's own
/// root (its mounts included), or a private overlay of a stopped one that nothing else can see. Paths below it are
/// looked up inside it only (openat2 RESOLVE_IN_ROOT). Disposing closes it and lets the container start or go again.
/// </summary>
internal sealed class ContainerFilesystem : IDisposable
{
    private readonly SemaphoreSlim? _heldLock;

    public ContainerFilesystem(SafeFdHandle root, SemaphoreSlim? heldLock)
    {
        Root = root;
        _heldLock = heldLock;
    }

    public SafeFdHandle Root { get; }

    /// <summary>A path naming the root, for code that takes a path (valid while this is open).</summary>
    public string RootPath => "/proc/self/fd/" + Root.DangerousGetHandle().ToInt32().ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Root.Dispose();
        _heldLock?.Release();
    }
}
