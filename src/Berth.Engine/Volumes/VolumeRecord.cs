namespace Berth.Engine.Volumes;

/// <summary>A volume of the local driver: a directory under the data root, or a mount made on first use (-o type=...).</summary>
public sealed record VolumeRecord
{
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    public required string Name { get; init; }

    public string Driver { get; init; } = "local";

    public required DateTime CreatedAt { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Local driver options: type, device, o (as `mount -t type -o o device`).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public bool Anonymous => Labels.ContainsKey(AnonymousLabel);
}
