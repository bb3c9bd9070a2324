using Berth.Core.Ids;
using Berth.Images;

namespace Berth.Registry.Pull;

/// <summary>
/// An image pulled into the stores: its ID (the config digest), the digest of the manifest (or index) the reference
/// named, its layers bottom to top, and whether anything had to be downloaded.
/// </summary>
public sealed record PulledImage(Digest ImageId, Digest ManifestDigest, IReadOnlyList<LayerInfo> Layers, bool DownloadedAnything);
