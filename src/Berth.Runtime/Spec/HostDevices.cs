using Berth.Linux;
using Berth.Runtime.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// The host's device nodes, which a privileged container gets as its own (containerd HostDevices): every
/// char, block and FIFO node under /dev, except the console and what each container mounts itself.
/// </summary>
internal static class HostDevices
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev" };

    /// <param name="root">Where the host's /dev is (a test points it elsewhere).</param>
    public static List<OciDevice> List(string root = "/dev")
    {
        var devices = new List<OciDevice>();
        Walk(root, root, devices);
        return devices;
    }

    private static void Walk(string root, string directory, List<OciDevice> devices)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var path in entries)
        {
            var name = Path.GetFileName(path);
            if (!FileSystemNodes.TryGetStatus(path, out var status))
            {
                continue;
            }

            var type = status.Type switch
            {
                FileSystemNodeType.Directory when !SkippedDirectories.Contains(name) => "dir",
                FileSystemNodeType.CharacterDevice when name != "console" => "c",
                FileSystemNodeType.BlockDevice => "b",
                FileSystemNodeType.Fifo => "p",
                _ => null,
            };
            if (type == "dir")
            {
                Walk(root, path, devices);
            }
            else if (type is not null)
            {
                devices.Add(new OciDevice
                {
                    Path = "/dev" + path[root.Length..],
                    Type = type,
                    Major = status.RdevMajor,
                    Minor = status.RdevMinor,
                    FileMode = (uint)status.Mode,
                    Uid = status.Uid,
                    Gid = status.Gid,
                });
            }
        }
    }
}
