using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>An image stored from an archive: its ID, config, layer stack (bottom first) and the tags the archive gave it.</summary>
/// <param name="RepoTags">As the archive names them (familiar or full); callers parse and normalize.</param>
/// <param name="Parent">The ID of the image it was committed from, as the archive records it.</param>
public sealed record LoadedImage(Digest Id, ImageConfig Config, IReadOnlyList<LayerInfo> Layers, IReadOnlyList<string> RepoTags, string? Parent);
