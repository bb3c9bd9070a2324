using Berth.Core.Ids;

namespace Berth.Images;

/// <summary>
/// moby's NewChildImage: the config of an image committed from a container of <c>parent</c>. It keeps the parent's
/// platform, layers and history, adds the new layer (none if the container changed nothing) and one history entry
/// whose created_by is the container's command.
/// </summary>
public static class ChildImage
{
    /// <param name="diffId">The new layer, or null when the container's changes made an empty one (it is then left out).</param>
    public static ImageConfig Create(ImageConfig parent, Digest? diffId, CommitDetails details)
    {
        var rootFs = new RootFs { DiffIds = [.. parent.RootFs.DiffIds] };
        if (diffId is { } layer)
        {
            rootFs.DiffIds.Add(layer);
        }

        var history = new HistoryEntry
        {
            Created = details.Created,
            Author = NullIfEmpty(details.Author),
            CreatedBy = string.Join(' ', details.ContainerConfig.Cmd ?? []),
            Comment = NullIfEmpty(details.Comment),
            EmptyLayer = diffId is null,
        };
        return new ImageConfig
        {
            Created = details.Created,
            Author = NullIfEmpty(details.Author),
            Architecture = parent.Architecture,
            Variant = parent.Variant,
            Os = parent.Os,
            OsVersion = parent.OsVersion,
            Config = details.Config,
            Container = details.ContainerId,
            ContainerConfig = details.ContainerConfig,
            DockerVersion = details.EngineVersion,
            RootFs = rootFs,
            History = [.. parent.History ?? [], history],
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>What a commit records besides the layer.</summary>
/// <param name="Config">The new image's config (the merged result of the commit's config, changes and the container's).</param>
/// <param name="ContainerConfig">The container's own config, kept as the image's container_config.</param>
public sealed record CommitDetails(ContainerConfig Config, ContainerConfig ContainerConfig, string ContainerId, string? Author, string? Comment, string EngineVersion, DateTimeOffset Created);
