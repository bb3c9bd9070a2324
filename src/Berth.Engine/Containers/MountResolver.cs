using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>
/// Parses -v binds and --mount entries with moby's rules and messages.
/// </summary>
public static class MountResolver
{
    private static readonly HashSet<string> Propagations = ["shared", "rshared", "slave", "rslave", "private", "rprivate"];

    /// <summary>-v SOURCE:DEST[:MODE]: SOURCE is a host path (absolute) or a volume name.</summary>
    public static BindSpec ParseBind(string spec)
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
        var isPath = source.StartsWith('/');
        if (!isPath)
        {
            Berth.Volumes.VolumeName.Validate(source);
        }

        return new BindSpec(isPath ? Path.GetFullPath(source) : source, destination, mode, readWrite, propagation, !isPath, mode.Split(',').Contains("nocopy"));
    }

    /// <summary>A --mount bind or tmpfs; volume mounts are the planner's (they need the volume service).</summary>
    public static MountPointRecord FromMountRequest(MountRequest request)
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
            default:
                throw Errors.InvalidArgument($"invalid mount config for type \"{request.Type}\": mount type unknown");
        }
    }

    public static string CleanDestination(string destination, string spec)
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
