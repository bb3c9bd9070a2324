using Berth.Core;
using Berth.Core.Errors;
using Berth.Engine.State;
using Berth.Engine.Volumes;

namespace Berth.Engine.Containers;

/// <summary>
/// Decides a new container's mounts as moby's registerMountPoints does: --volumes-from first (copied
/// mount points, RW only if both allow), then -v binds and named volumes (replacing any at the same
/// destination), --mount entries, and an anonymous volume for each remaining Config.Volumes path.
/// Volumes it creates are removed again if the create fails.
/// </summary>
internal sealed class MountPlanner(VolumeService volumes, ContainerStore containers)
{
    public async Task<IReadOnlyList<MountPointRecord>> PlanAsync(HostSettings host, ContainerSettings config, UndoScope undo)
    {
        var byDestination = new Dictionary<string, MountPointRecord>(StringComparer.Ordinal);
        foreach (var from in host.VolumesFrom)
        {
            foreach (var mount in VolumesFrom(from))
            {
                byDestination[mount.Destination] = mount;
            }
        }

        var explicitDestinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bind in host.Binds)
        {
            var spec = MountResolver.ParseBind(bind);
            if (!explicitDestinations.Add(spec.Destination))
            {
                throw Errors.InvalidArgument($"Duplicate mount point: {spec.Destination}");
            }

            byDestination[spec.Destination] = spec.IsVolume
                ? await VolumeMountAsync(spec.Source, spec.Destination, spec.ReadWrite, spec.Mode.Length > 0 ? spec.Mode : "z", !spec.NoCopy, anonymous: false, undo).ConfigureAwait(false)
                : new MountPointRecord
                {
                    Type = "bind",
                    Source = spec.Source,
                    Destination = spec.Destination,
                    Mode = spec.Mode,
                    ReadWrite = spec.ReadWrite,
                    Propagation = spec.Propagation ?? "rprivate",
                };
        }

        foreach (var request in host.Mounts)
        {
            var destination = MountResolver.CleanDestination(request.Target, request.Target);
            if (!explicitDestinations.Add(destination))
            {
                throw Errors.InvalidArgument($"Duplicate mount point: {destination}");
            }

            byDestination[destination] = request.Type == "volume"
                ? await VolumeMountAsync(request.Source, destination, !request.ReadOnly, "", !request.NoCopy, anonymous: string.IsNullOrEmpty(request.Source), undo, request.VolumeLabels, request.VolumeDriverOptions).ConfigureAwait(false)
                : MountResolver.FromMountRequest(request);
        }

        foreach (var path in config.Volumes)
        {
            var destination = MountResolver.CleanDestination(path, path);
            if (!byDestination.ContainsKey(destination) && !host.Tmpfs.ContainsKey(destination))
            {
                byDestination[destination] = await VolumeMountAsync(null, destination, true, "", true, anonymous: true, undo).ConfigureAwait(false);
            }
        }

        return byDestination.Values.OrderBy(m => m.Destination, StringComparer.Ordinal).ToList();
    }

    private async Task<MountPointRecord> VolumeMountAsync(string? name, string destination, bool readWrite, string mode, bool copyData, bool anonymous,
        UndoScope undo, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? options = null)
    {
        var (volume, created) = await volumes.CreateAsync(name, "local", options, labels, anonymous).ConfigureAwait(false);
        if (created)
        {
            undo.Push(() => volumes.RemoveAsync(volume.Name, force: true));
        }

        return new MountPointRecord
        {
            Type = "volume",
            Name = volume.Name,
            Source = volumes.MountpointOf(volume.Name),
            Destination = destination,
            Driver = volume.Driver,
            Mode = mode,
            ReadWrite = readWrite,
            Propagation = "",
            CopyData = copyData,
        };
    }

    /// <summary>--volumes-from NAME[:ro|:rw]: every mount of that container; a missing one is a 400 (not 404, which means "no image").</summary>
    private IEnumerable<MountPointRecord> VolumesFrom(string spec)
    {
        var colon = spec.LastIndexOf(':');
        var (name, mode) = colon > 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, "");
        if (mode is not ("" or "ro" or "rw"))
        {
            throw Errors.InvalidArgument($"invalid mode: {mode}");
        }

        ContainerRecord source;
        try
        {
            source = containers.Find(name);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw Errors.InvalidArgument(e.Message);
        }

        return source.MountPoints.Select(m => m with
        {
            ReadWrite = m.ReadWrite && mode != "ro",
            Mode = mode.Length > 0 ? mode : m.Mode,
            CopyData = false,
        });
    }
}
