namespace Berth.Core.Mounts;

/// <summary>
/// One mount, as a value: what to mount where, with which options. Components emit mounts
/// (snapshotter, volumes, network files) and the runtime consumes them; nobody else mounts.
/// </summary>
/// <param name="Type">Filesystem type: <c>bind</c>, <c>overlay</c>, <c>tmpfs</c>, <c>proc</c>...</param>
/// <param name="Source">Host path, or a device/fs name for virtual filesystems.</param>
/// <param name="Target">Path inside the container (or the host mount point for a rootfs).</param>
/// <param name="Options">Mount options as the OCI runtime spec spells them (<c>rbind</c>, <c>ro</c>, <c>lowerdir=...</c>).</param>
public sealed record MountSpec(string Type, string Source, string Target, IReadOnlyList<string> Options)
{
    public bool IsReadOnly => Options.Contains("ro");

    public static MountSpec Bind(string source, string target, bool readOnly, string propagation = "rprivate") =>
        new("bind", source, target, readOnly ? ["rbind", "ro", propagation] : ["rbind", "rw", propagation]);
}
