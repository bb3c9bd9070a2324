namespace Berth.Engine.Images;

/// <summary>An image the engine holds: its ID (the config digest), its layer stack and when it came.</summary>
public sealed record ImageRecord
{
    /// <summary>sha256:... of the config JSON.</summary>
    public required string Id { get; init; }

    /// <summary>ChainIDs, bottom to top.</summary>
    public required IReadOnlyList<string> ChainIds { get; init; }

    /// <summary>DiffIDs, bottom to top (RootFS.Layers).</summary>
    public required IReadOnlyList<string> DiffIds { get; init; }

    /// <summary>Bytes of all unpacked layers.</summary>
    public long Size { get; init; }

    public required DateTime Loaded { get; init; }

    public string Parent { get; init; } = "";

    /// <summary>Repository digests (repo@sha256:...) known for this image.</summary>
    public IReadOnlyList<string> RepoDigests { get; init; } = [];

    public string ShortId => Id["sha256:".Length..][..12];
}
