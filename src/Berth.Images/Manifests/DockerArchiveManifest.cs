namespace Berth.Images.Manifests;

/// <summary>One entry of a Docker image archive's <c>manifest.json</c> (moby tarexport's manifestItem); paths are inside the archive.</summary>
public sealed class DockerArchiveManifest
{
    public string Config { get; set; } = "";

    public List<string>? RepoTags { get; set; }

    public List<string> Layers { get; set; } = [];

    public string? Parent { get; set; }
}
