using Berth.Images;

namespace Berth.Engine.Images;

/// <summary>An image found by name or ID, with its parsed config.</summary>
public sealed record ResolvedImage(ImageRecord Record, ImageConfig Config, IReadOnlyList<string> Tags);
