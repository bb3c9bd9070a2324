namespace Berth.Engine;

/// <summary>Where everything lives under the data root (default /var/lib/berth).</summary>
public sealed class EnginePaths
{
    public EnginePaths(string dataRoot)
    {
        DataRoot = Path.GetFullPath(dataRoot);
    }

    public string DataRoot { get; }

    public string Database => Path.Combine(DataRoot, "berth.db");

    public string Content => Path.Combine(DataRoot, "content");

    public string Layers => Path.Combine(DataRoot, "layers");

    public string Snapshots => Path.Combine(DataRoot, "snapshots");

    public string Containers => Path.Combine(DataRoot, "containers");

    public string Volumes => Path.Combine(DataRoot, "volumes");

    public string RuntimeState => Path.Combine(DataRoot, "runtime");

    public string Tmp => Path.Combine(DataRoot, "tmp");

    /// <summary>Removed containers' trees on their way out (see <see cref="Berth.Linux.DirectoryTrash"/>).</summary>
    public string Trash => Path.Combine(DataRoot, "trash");

    /// <summary>What the daemon learnt about registry blobs (which blob holds which layer).</summary>
    public string Distribution => Path.Combine(DataRoot, "distribution");

    public string ContainerDir(string id) => Path.Combine(Containers, id);

    public string ContainerRootfs(string id) => Path.Combine(Containers, id, "rootfs");

    public string ContainerLog(string id) => Path.Combine(Containers, id, id + "-json.log");

    public void Create()
    {
        foreach (var dir in new[] { DataRoot, Content, Layers, Snapshots, Containers, Volumes, RuntimeState, Tmp, Distribution })
        {
            Directory.CreateDirectory(dir);
        }

        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(DataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
