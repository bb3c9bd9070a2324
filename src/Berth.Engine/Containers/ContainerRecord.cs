namespace Berth.Engine.Containers;

/// <summary>Everything the engine knows about one container; persisted as one row.</summary>
public sealed record ContainerRecord
{
    public required string Id { get; init; }

    /// <summary>Without the leading slash.</summary>
    public required string Name { get; init; }

    public required DateTime Created { get; init; }

    /// <summary>The image ID (sha256:...).</summary>
    public required string ImageId { get; init; }

    /// <summary>The image's layer ChainIDs, bottom to top: the container keeps its layers even if the image is force-removed.</summary>
    public required IReadOnlyList<string> ImageChainIds { get; init; }

    public required string Path { get; init; }

    public required IReadOnlyList<string> Args { get; init; }

    public required ContainerSettings Config { get; init; }

    public required HostSettings Host { get; init; }

    public ContainerState State { get; init; } = new();

    public int RestartCount { get; init; }

    /// <summary>The user stopped or killed the container since it last started (what unless-stopped looks at).</summary>
    public bool ManuallyStopped { get; init; }

    /// <summary>The runtime the container was created for ("crun", "runc").</summary>
    public required string Runtime { get; init; }

    public IReadOnlyList<MountPointRecord> MountPoints { get; init; } = [];

    /// <summary>Endpoints by network name (empty for --network host/none).</summary>
    public IReadOnlyDictionary<string, NetworkAttachment> Networks { get; init; } = new Dictionary<string, NetworkAttachment>();

    /// <summary>Host ports bound for the container while it runs.</summary>
    public IReadOnlyList<PublishedPortRecord> Ports { get; init; } = [];

    public string ShortId => Id[..12];
}

/// <summary>A resolved mount of a container, as inspect's Mounts shows it.</summary>
public sealed record MountPointRecord
{
    public required string Type { get; init; }

    public string? Name { get; init; }

    public required string Source { get; init; }

    public required string Destination { get; init; }

    public string? Driver { get; init; }

    public string Mode { get; init; } = "";

    public bool ReadWrite { get; init; } = true;

    public string Propagation { get; init; } = "";

    /// <summary>For a volume: fill it from the image's content at the destination while it is empty (Docker's copy-up).</summary>
    public bool CopyData { get; init; }
}
