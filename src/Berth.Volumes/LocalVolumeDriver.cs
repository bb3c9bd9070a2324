using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Volumes;

/// <summary>
/// The "local" volume driver: each volume is <c>&lt;root&gt;/&lt;name&gt;/_data</c>; with options
/// (type, device, o) that directory is a mount point, mounted while a container uses the volume.
/// </summary>
public sealed class LocalVolumeDriver
{
    private static readonly HashSet<string> OptionKeys = ["type", "device", "o", "size"];
    private readonly string _root;

    public LocalVolumeDriver(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public string Mountpoint(string name) => Path.Combine(_root, name, "_data");

    public static void ValidateOptions(IReadOnlyDictionary<string, string> options)
    {
        foreach (var key in options.Keys)
        {
            if (!OptionKeys.Contains(key))
            {
                throw Errors.InvalidArgument($"invalid option key: \"{key}\"");
            }
        }

        if (options.ContainsKey("type") != options.ContainsKey("device") && !(options.TryGetValue("type", out var t) && t == "tmpfs"))
        {
            throw Errors.InvalidArgument("missing required option: \"device\"");
        }
    }

    public void Create(string name)
    {
        var data = Mountpoint(name);
        Directory.CreateDirectory(data);
        FileSystemMetadata.SetMode(Path.GetDirectoryName(data)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Mounts an optioned volume if it is not mounted yet; plain volumes need nothing.</summary>
    public void EnsureMounted(string name, IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("type", out var type))
        {
            return;
        }

        var data = Mountpoint(name);
        Directory.CreateDirectory(data);
        if (Mounts.IsMountPoint(data))
        {
            return;
        }

        var device = options.TryGetValue("device", out var d) ? d : type;
        var data2 = options.TryGetValue("o", out var o) ? o : null;
        if (options.TryGetValue("size", out var size))
        {
            data2 = data2 is null ? "size=" + size : data2 + ",size=" + size;
        }

        try
        {
            Mounts.Mount(device, data, type, 0, data2);
        }
        catch (LinuxException e)
        {
            throw Errors.Internal($"error while mounting volume '{data}': failed to mount local volume: mount {device}:{data}, data: {data2}: {e.Message}", e);
        }
    }

    public void Unmount(string name)
    {
        var data = Mountpoint(name);
        if (Mounts.IsMountPoint(data))
        {
            Mounts.Unmount(data, detach: true);
        }
    }

    /// <summary>Deletes the volume's directory and everything in it (never following a symlink out of it).</summary>
    public void Remove(string name)
    {
        Unmount(name);
        var dir = Path.Combine(_root, name);
        if (Directory.Exists(dir))
        {
            FileSystemTree.Remove(dir);
        }
    }

    public long Usage(string name)
    {
        var data = Mountpoint(name);
        return Directory.Exists(data) ? FileSystemTree.ApparentSize(data) : 0;
    }
}
