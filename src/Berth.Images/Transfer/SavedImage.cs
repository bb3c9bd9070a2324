using Berth.Core.Ids;

namespace Berth.Images.Transfer;

/// <summary>An image to write into an archive: its ID (the digest of its config blob), layers bottom first, and the tags to carry.</summary>
/// <param name="Parent">The image it was committed from, written as manifest.json's Parent only when that image is saved too.</param>
public sealed record SavedImage(Digest Id, IReadOnlyList<Digest> DiffIds, IReadOnlyList<ImageRef> Tags, Digest? Parent);
