using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Events;
using Berth.Engine.State;
using Berth.Volumes;

namespace Berth.Engine.Volumes;

/// <summary>Named and anonymous volumes: create, inspect, list, remove, prune, and what uses them.</summary>
public sealed class VolumeService
{
    private readonly VolumeStore _store;
    private readonly ContainerStore _containers;
    private readonly LocalVolumeDriver _driver;
    private readonly EventBus _events;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public VolumeService(VolumeStore store, ContainerStore containers, LocalVolumeDriver driver, EventBus events)
    {
        _store = store;
        _containers = containers;
        _driver = driver;
        _events = events;
    }

    public LocalVolumeDriver Driver => _driver;

    public string MountpointOf(string name) => _driver.Mountpoint(name);

    /// <summary>`docker volume create`: an existing volume of that name is returned as is (Docker's behaviour).</summary>
    public async Task<(VolumeRecord Volume, bool Created)> CreateAsync(string? name, string? driver, IReadOnlyDictionary<string, string>? options, IReadOnlyDictionary<string, string>? labels, bool anonymous = false)
    {
        if (!string.IsNullOrEmpty(driver) && driver != "local")
        {
            throw Errors.NotFound($"plugin \"{driver}\" not found");
        }

        var volumeName = string.IsNullOrEmpty(name) ? ContainerId.New().Value : name;
        VolumeName.Validate(volumeName);
        var opts = options ?? new Dictionary<string, string>();
        LocalVolumeDriver.ValidateOptions(opts);
        var allLabels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (anonymous)
        {
            allLabels[VolumeRecord.AnonymousLabel] = "";
        }

        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_store.Get(volumeName) is { } existing)
            {
                return (existing, false);
            }

            var volume = new VolumeRecord { Name = volumeName, CreatedAt = DateTime.UtcNow, Labels = allLabels, Options = opts };
            _driver.Create(volumeName);
            if (!await _store.TryAddAsync(volume).ConfigureAwait(false))
            {
                return (_store.Get(volumeName)!, false);
            }

            _events.Publish(new EngineEvent("volume", "create", volumeName, new Dictionary<string, string> { ["driver"] = "local" }, DateTime.UtcNow));
            return (volume, true);
        }
        finally
        {
            _lock.Release();
        }
    }

    public VolumeRecord Get(string name) => _store.Get(name) ?? throw Errors.NoSuchVolume(name);

    public VolumeRecord? TryGet(string name) => _store.Get(name);

    /// <summary>IDs of the containers whose mounts use the volume.</summary>
    public IReadOnlyList<string> UsedBy(string name) =>
        _containers.All.Where(c => c.MountPoints.Any(m => m.Type == "volume" && m.Name == name)).Select(c => c.Id).ToList();

    private static readonly HashSet<string> ListFilters = ["dangling", "name", "label", "driver"];

    public IReadOnlyList<VolumeRecord> List(FilterArgs filters)
    {
        filters.Validate(ListFilters);
        var dangling = filters.GetBool("dangling");
        return _store.All
            .Where(v => dangling is null || (UsedBy(v.Name).Count == 0) == dangling)
            .Where(v => !filters.Contains("name") || filters.Get("name").Any(n => v.Name.Contains(n, StringComparison.Ordinal)))
            .Where(v => filters.MatchesExact("driver", v.Driver))
            .Where(v => filters.MatchesLabels("label", v.Labels))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>`docker volume rm`: refused while a container uses the volume; -f ignores a missing one.</summary>
    public async Task RemoveAsync(string name, bool force)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_store.Get(name) is null)
            {
                if (force)
                {
                    return;
                }

                throw Errors.NoSuchVolume(name);
            }

            var users = UsedBy(name);
            if (users.Count > 0)
            {
                throw Errors.Conflict($"remove {name}: volume is in use - [{string.Join(", ", users)}]");
            }

            await _store.RemoveAsync(name).ConfigureAwait(false);
            _driver.Remove(name);
            _events.Publish(new EngineEvent("volume", "destroy", name, new Dictionary<string, string> { ["driver"] = "local" }, DateTime.UtcNow));
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>`docker volume prune`: unused anonymous volumes, or all unused ones with all=true (API &gt;= 1.42).</summary>
    public async Task<(IReadOnlyList<string> Deleted, long Reclaimed)> PruneAsync(FilterArgs filters, bool anonymousOnly)
    {
        filters.Validate(new HashSet<string> { "label", "label!", "all" });
        var all = filters.GetBool("all") == true || !anonymousOnly;
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var volume in _store.All)
        {
            if ((!all && !volume.Anonymous) || UsedBy(volume.Name).Count > 0 || !filters.MatchesLabels("label", volume.Labels))
            {
                continue;
            }

            var size = _driver.Usage(volume.Name);
            try
            {
                await RemoveAsync(volume.Name, force: false).ConfigureAwait(false);
                deleted.Add(volume.Name);
                reclaimed += size;
            }
            catch (BerthException e) when (e.Kind == ErrorKind.Conflict)
            {
                // taken into use meanwhile
            }
        }

        return (deleted, reclaimed);
    }

    public long Usage(string name) => _driver.Usage(name);
}
