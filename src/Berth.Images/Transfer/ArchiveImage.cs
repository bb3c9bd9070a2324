using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>An image an archive describes: its config (whose digest is the image ID), its layers in order, and its names.</summary>
/// <param name="RepoTags">References as the archive gives them (familiar or full); tags only.</param>
/// <param name="Parent">The image it was committed from, as a Docker archive records it.</param>
internal sealed record ArchiveImage(Digest Id, byte[] ConfigJson, ImageConfig Config, IReadOnlyList<ArchiveLayerRef> Layers, IReadOnlyList<string> RepoTags, string? Parent);

/// <summary>Where an image's layer is in the archive and what it must hash to.</summary>
/// <param name="BlobDigest">The digest of the blob's bytes, when a descriptor names it (an OCI manifest).</param>
internal sealed record ArchiveLayerRef(string Path, Digest DiffId, Digest? BlobDigest);
