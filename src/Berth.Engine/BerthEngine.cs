using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Engine.Health;
using Berth.Engine.Exec;
using Berth.Engine.Images;
using Berth.Engine.Networks;
using Berth.Engine.State;
using Berth.Engine.Volumes;
using Berth.Volumes;
using Berth.Images;
using Berth.Linux;
using Berth.Registry;
using Berth.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Engine;

/// <summary>
/// The engine as a library: open it on a data root, use its services, dispose it. The daemon is one
/// host of it; tests and tools can host it in-process the same way.
/// </summary>
public sealed class BerthEngine : IAsyncDisposable
{
    private readonly StateDatabase _db;

    private BerthEngine(EngineOptions options, EnginePaths paths, StateDatabase db, RuntimeCatalog runtimes, ILoggerFactory logs)
    {
        Paths = paths;
        _db = db;
        Runtimes = runtimes;
        Events = new EventBus();
        var containerStore = new ContainerStore(db);
        ContainerStore = containerStore;
        ImageStore = new ImageStore(db);
        Registry = new RegistryClient(new RegistryOptions
        {
            InsecureRegistries = options.InsecureRegistries,
            CertsDirectory = options.RegistryCertsDirectory,
            MetadataDirectory = paths.Distribution,
        });
        Images = new ImageService(ImageStore, containerStore, new LocalContentStore(paths.Content), new LayerStore(paths.Layers), Events) { Registry = Registry };
        VolumeStore = new VolumeStore(db);
        Volumes = new VolumeService(VolumeStore, containerStore, new LocalVolumeDriver(paths.Volumes), Events);
        NetworkStore = new NetworkStore(db);
        Networks = new NetworkService(NetworkStore, containerStore, Events, options, paths, logs.CreateLogger<NetworkService>());
        var trash = new DirectoryTrash(paths.Trash);
        Containers = new ContainerService(containerStore, Images, Volumes, Networks, new OverlaySnapshotter(paths.Snapshots, trash), trash, runtimes, paths, Events, logs.CreateLogger<ContainerService>());
        Execs = new ExecService(Containers, runtimes, paths, Events);
        Health = new HealthService(Containers, Execs, Events, logs.CreateLogger<HealthService>());
        StartedAt = DateTime.UtcNow;
    }

    public EnginePaths Paths { get; }

    public RuntimeCatalog Runtimes { get; }

    public EventBus Events { get; }

    public ImageService Images { get; }

    /// <summary>Sessions with registries (pull, push, login), shared by every image operation.</summary>
    public RegistryClient Registry { get; }

    public ContainerService Containers { get; }

    public VolumeService Volumes { get; }

    public NetworkService Networks { get; }

    internal NetworkStore NetworkStore { get; }

    internal VolumeStore VolumeStore { get; }

    public ExecService Execs { get; }

    public HealthService Health { get; }

    public DateTime StartedAt { get; }

    internal ContainerStore ContainerStore { get; }

    internal ImageStore ImageStore { get; }

    /// <summary>Opens (creating if needed) the data root, loads the state and recovers from an unclean stop.</summary>
    public static async Task<BerthEngine> OpenAsync(EngineOptions options, RuntimeCatalog runtimes, ILoggerFactory? logs, CancellationToken ct)
    {
        var paths = new EnginePaths(options.DataRoot);
        paths.Create();
        var db = new StateDatabase(paths.Database);
        var engine = new BerthEngine(options, paths, db, runtimes, logs ?? NullLoggerFactory.Instance);
        await engine.ContainerStore.LoadAsync().ConfigureAwait(false);
        await engine.ImageStore.LoadAsync().ConfigureAwait(false);

        // What a killed daemon was writing (a pull's staged layers, a blob's partial copy) was never in use: drop it.
        engine.Images.Layers.DeleteIncomplete();
        engine.Images.Content.DeleteIncomplete();
        await engine.VolumeStore.LoadAsync().ConfigureAwait(false);
        await engine.NetworkStore.LoadAsync().ConfigureAwait(false);
        await engine.Containers.RecoverAsync(ct).ConfigureAwait(false);
        await engine.Networks.InitializeAsync(ct).ConfigureAwait(false);
        await engine.Containers.StartWithDaemonAsync(ct).ConfigureAwait(false);
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        await Health.DisposeAsync().ConfigureAwait(false);
        await Networks.DisposeAsync().ConfigureAwait(false);
        _db.Dispose();
        Registry.Dispose();
    }
}
