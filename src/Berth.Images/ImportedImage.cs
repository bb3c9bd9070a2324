using Berth.Core.Ids;

namespace Berth.Images;

/// <summary>An imported image: its ID (the digest of <see cref="ConfigJson"/>, stored as a blob), its config and its one layer.</summary>
public sealed record ImportedImage(Digest ImageId, byte[] ConfigJson, ImageConfig Config, LayerInfo Layer);
