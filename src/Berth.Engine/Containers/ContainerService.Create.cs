using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// `docker create`: checks everything, merges the image's defaults, prepares the container's own
    /// read-write layer and reserves the name; all or nothing.
    /// </summary>
    public async Task<ContainerRecord> CreateAsync(ContainerCreateSpec spec, CancellationToken ct)
    {
        var name = spec.Name is { Length: > 0 } ? ContainerName.Normalize(spec.Name) : null;
        if (name is not null && _store.OwnerOf(name) is { } owner)
        {
            throw Errors.NameInUse(name, owner);
        }

        var image = _images.Resolve(spec.Config.Image);
        HostSettingsValidator.Validate(spec.Host, Environment.ProcessorCount);
        var runtime = _runtimes.Get(spec.Host.Runtime);

        var id = ContainerId.New();
        var config = ConfigMerge.Merge(spec.Config, image.Config);
        if (config.Hostname.Length == 0)
        {
            config = config with { Hostname = spec.Host.NetworkMode == "host" ? Environment.MachineName : id.Short };
        }

        var (path, args) = ConfigMerge.Command(config);
        var host = spec.Host with
        {
            NetworkMode = spec.Host.NetworkMode is "" or "default" ? "bridge" : spec.Host.NetworkMode,
            Runtime = runtime.Name,
            ShmSize = spec.Host.ShmSize == 0 ? 64L * 1024 * 1024 : spec.Host.ShmSize,
        };
        var networks = _networks.PlanAttachments(host.NetworkMode, spec.Endpoints);
        ValidateLinks(host);

        await using var undo = new UndoScope();
        var mounts = await _mounts.PlanAsync(host, config, undo).ConfigureAwait(false);
        var dir = _paths.ContainerDir(id.Value);
        Directory.CreateDirectory(dir);
        undo.Push(() => Directory.Delete(dir, recursive: true));
        _snapshots.Prepare(id.Value, _images.LayerDirs(image.Record), _paths.ContainerRootfs(id.Value));
        undo.Push(() => _snapshots.Remove(id.Value));
        Directory.CreateDirectory(_paths.ContainerRootfs(id.Value));

        var record = new ContainerRecord
        {
            Id = id.Value,
            Name = name ?? "",
            Created = DateTime.UtcNow,
            ImageId = image.Record.Id,
            ImageChainIds = image.Record.ChainIds,
            Path = path,
            Args = args,
            Config = config,
            Host = host,
            Runtime = runtime.Name,
            MountPoints = mounts,
            Networks = networks,
        };
        record = await ReserveAsync(record).ConfigureAwait(false);
        undo.Complete();

        Live(record.Id);
        Emit("create", record);
        return record;
    }

    /// <summary>A --link target must exist (moby answers 400: a 404 would make the CLI try to pull the image).</summary>
    private void ValidateLinks(HostSettings host)
    {
        foreach (var link in host.Links)
        {
            var (target, _) = Networks.NetworkService.SplitLink(link);
            try
            {
                _store.Find(target);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
            {
                throw Errors.InvalidArgument($"could not get container for {target}: {e.Message}");
            }
        }
    }

    /// <summary>Inserts the row; a container without a name gets a random one, retried on collision.</summary>
    private async Task<ContainerRecord> ReserveAsync(ContainerRecord record)
    {
        if (record.Name.Length > 0)
        {
            await _store.AddAsync(record).ConfigureAwait(false);
            return record;
        }

        for (var attempt = 0; ; attempt++)
        {
            var named = record with { Name = ContainerName.Random(attempt) };
            if (_store.OwnerOf(named.Name) is not null && attempt < 10)
            {
                continue;
            }

            try
            {
                await _store.AddAsync(named).ConfigureAwait(false);
                return named;
            }
            catch (BerthException e) when (e.Kind == ErrorKind.Conflict && attempt < 10)
            {
            }
        }
    }
}
