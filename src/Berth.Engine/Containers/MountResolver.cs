using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>
/// Turns -v binds and --mount entries into the container's mount points, with moby's parsing rules
/// and messages. Later entries for the same destination replace earlier ones.
/// </summary>
public static class MountResolver
{
    private static readonly HashSet<string> Propagations = ["shared", "rshared", "slave", "rslave", "private", "rprivate"];

    public static IReadOnlyList<MountPointRecord> Resolve(HostSettings host, ContainerSettings config)
    {
        var byDestination = new Dictionary<string, MountPointRecord>(StringComparer.Ordinal);
        foreach (var bind in host.Binds)
        {
            var mount = ParseBind(bind);
            byDestination[mount.Destination] = mount;
        }

        foreach (var request in host.Mounts)
        {
            var mount = FromMountRequest(request);
            if (byDestination.ContainsKey(mount.Destination))
            {
                throw Errors.InvalidArgument($"Duplicate mount point: {mount.Destination}");
            }

            byDestination[mount.Destination] = mount;
        }

        foreach (var volume in config.Volumes)
        {
            if (!byDestination.ContainsKey(volume.TrimEnd('/') is "" ? "/" : volume.TrimEnd('/')))
            {
                throw Errors.NotImplemented($"anonymous volume {volume}: volumes are not supported yet");
            }
        }

        return byDestination.Values.OrderBy(m => m.Destination, StringComparer.Ordinal).ToList();
    }

    /// <summary>-v SOURCE:DEST[:MODE]; a missing host directory is created at start, as Docker does for -v.</summary>
    public static MountPointRecord ParseBind(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Errors.InvalidArgument($"invalid volume specification: '{spec}'");
        }

        var source = parts[0];
        var destination = CleanDestination(parts[1], spec);
        var mode = parts.Length == 3 ? parts[2] : "";
        var (readWrite, propagation) = ParseMode(mode);
        if (!source.StartsWith('/'))
        {
            throw Errors.NotImplemented($"named volume {source}: volumes are not supported yet");
        }

        return new MountPointRecord
        {
            Type = "bind",
            Source = Path.GetFullPath(source),
            Destination = destination,
            Mode = mode,
            ReadWrite = readWrite,
            Propagation = propagation ?? "rprivate",
        };
    }

    private static MountPointRecord FromMountRequest(MountRequest request)
    {
        var destination = CleanDestination(request.Target, request.Target);
        switch (request.Type)
        {
            case "bind":
                if (string.IsNullOrEmpty(request.Source))
                {
                    throw Errors.InvalidArgument("invalid mount config for type \"bind\": field Source must not be empty");
                }

                if (!request.Source.StartsWith('/'))
                {
                    throw Errors.InvalidArgument($"invalid mount config for type \"bind\": invalid mount path: '{request.Source}' mount path must be absolute");
                }

                if (!request.CreateMountpoint && !Path.Exists(request.Source))
                {
                    throw Errors.InvalidArgument($"invalid mount config for type \"bind\": bind source path does not exist: {request.Source}");
                }

                if (request.Propagation is { Length: > 0 } p && !Propagations.Contains(p))
                {
                    throw Errors.InvalidArgument($"invalid mount config for type \"bind\": invalid propagation mode: {p}");
                }

                return new MountPointRecord
                {
                    Type = "bind",
                    Source = Path.GetFullPath(request.Source),
                    Destination = destination,
                    ReadWrite = !request.ReadOnly,
                    Propagation = request.Propagation is { Length: > 0 } prop ? prop : "rprivate",
                };
            case "tmpfs":
                if (!string.IsNullOrEmpty(request.Source))
                {
                    throw Errors.InvalidArgument("invalid mount config for type \"tmpfs\": field Source must not be specified");
                }

                return new MountPointRecord { Type = "tmpfs", Source = "", Destination = destination, ReadWrite = !request.ReadOnly };
            case "volume":
                throw Errors.NotImplemented("volume mounts are not supported yet");
            default:
                throw Errors.InvalidArgument($"invalid mount config for type \"{request.Type}\": mount type unknown");
        }
    }

    private static string CleanDestination(string destination, string spec)
    {
        if (!destination.StartsWith('/'))
        {
            throw Errors.InvalidArgument($"invalid volume specification: '{spec}': invalid mount config for type \"bind\": invalid mount path: '{destination}' mount path must be absolute");
        }

        var clean = "/" + string.Join('/', destination.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (clean == "/")
        {
            throw Errors.InvalidArgument($"invalid specification: destination can't be '/' in '{spec}'");
        }

        return clean;
    }

    private static (bool ReadWrite, string? Propagation) ParseMode(string mode)
    {
        var readWrite = true;
        string? propagation = null;
        var seenRw = false;
        foreach (var option in mode.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (option)
            {
                case "ro" or "rw" when !seenRw:
                    readWrite = option == "rw";
                    seenRw = true;
                    break;
                case "z" or "Z" or "nocopy" or "consistent" or "cached" or "delegated":
                    break;
                case var p when Propagations.Contains(p) && propagation is null:
                    propagation = p;
                    break;
                default:
                    throw Errors.InvalidArgument($"invalid mode: {mode}");
            }
        }

        return (readWrite, propagation);
    }
}
