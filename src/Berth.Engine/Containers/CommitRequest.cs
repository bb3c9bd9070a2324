using Berth.Images;

namespace Berth.Engine.Containers;

/// <summary>What `docker commit` asks for besides the container (moby's backend.CreateImageConfig).</summary>
/// <param name="Repository">The new image's name; it may carry the tag ("name:tag"), as the API allows.</param>
/// <param name="Changes">Dockerfile instructions applied to the config (<c>-c</c>).</param>
/// <param name="Pause">Freeze a running container while its changes are read.</param>
/// <param name="Config">The config the caller gave; null means the container's own.</param>
/// <param name="EngineVersion">Written as the image's docker_version.</param>
public sealed record CommitRequest(
    string? Repository,
    string? Tag,
    string? Comment,
    string? Author,
    IReadOnlyList<string> Changes,
    bool Pause,
    ContainerConfig? Config,
    string EngineVersion);
