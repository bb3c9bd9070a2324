using System.Collections.Concurrent;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.State;
using Berth.Images;
using Berth.Linux;
using Berth.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

/// <summary>
/// The container lifecycle: create, start, stop, kill, wait, remove, attach... One operation per
/// file (ContainerService.Start.cs ...); state transitions of a container are serialised by its lock.
/// </summary>
public sealed partial class ContainerService
{
    private readonly ContainerStore _store;
    private readonly ImageService _images;
    private readonly OverlaySnapshotter _snapshots;
    private readonly DirectoryTrash _trash;
    private readonly RuntimeCatalog _runtimes;
    private readonly EnginePaths _paths;
    private readonly EventBus _events;
    private readonly ILogger _log;
    private readonly Volumes.VolumeService _volumes;
    private readonly MountPlanner _mounts;
    private readonly Networks.NetworkService _networks;
    private readonly ConcurrentDictionary<string, LiveContainer> _live = new(StringComparer.Ordinal);

    public ContainerService(ContainerStore store, ImageService images, Volumes.VolumeService volumes, Networks.NetworkService networks,
        OverlaySnapshotter snapshots, DirectoryTrash trash, RuntimeCatalog runtimes, EnginePaths paths, EventBus events, ILogger<ContainerService> log)
    {
        _networks = networks;
        _volumes = volumes;
        _mounts = new MountPlanner(volumes, store);
        _store = store;
        _images = images;
        _snapshots = snapshots;
        _trash = trash;
        _runtimes = runtimes;
        _paths = paths;
        _events = events;
        _log = log;
    }

    /// <summary>Finds a container by ID, name or unique ID prefix (404 "No such container").</summary>
    public ContainerRecord Get(string idOrName) => _store.Find(idOrName);

    public IReadOnlyCollection<ContainerRecord> All => _store.All;

    public AttachHub StreamsOf(string id) => Live(id).Streams;

    internal LiveContainer Live(string id) => _live.GetOrAdd(id, i => new LiveContainer(i, _paths.ContainerLog(i)));

    /// <summary>The process of a running container, for exec and resize.</summary>
    internal RunningProcess? ProcessOf(string id) => _live.TryGetValue(id, out var live) ? live.Process : null;

    private Task<ContainerRecord> MutateAsync(string id, Func<ContainerRecord, ContainerRecord> change) => _store.MutateAsync(id, change);

    private Dictionary<string, string> EventAttributes(ContainerRecord c, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(c.Config.Labels, StringComparer.Ordinal)
        {
            ["image"] = c.Config.Image,
            ["name"] = c.Name,
        };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        return attributes;
    }

    private void Emit(string action, ContainerRecord c, params (string Key, string Value)[] extra) =>
        _events.Container(action, c.Id, EventAttributes(c, extra));
}
