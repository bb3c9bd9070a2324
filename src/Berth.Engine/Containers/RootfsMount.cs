using Berth.Core.Mounts;
using Berth.Linux;

namespace Berth.Engine.Containers;

/// <summary>Mounts the overlay a snapshotter describes at the container's rootfs, and takes it down again.</summary>
internal static class RootfsMount
{
    public static void Mount(MountSpec spec) =>
        Mounts.Mount(spec.Source, spec.Target, spec.Type, 0, string.Join(',', spec.Options));

    /// <summary>Unmounts if mounted (detached, so a lingering reader cannot make removal fail).</summary>
    public static void Unmount(string target)
    {
        if (Mounts.IsMountPoint(target))
        {
            Mounts.Unmount(target, detach: true);
        }
    }
}
