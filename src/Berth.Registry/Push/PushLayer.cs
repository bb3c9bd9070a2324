using Berth.Core.Ids;

namespace Berth.Registry.Push;

/// <summary>A layer to push: its DiffID (its uncompressed tar is the content blob of that name) and that tar's size.</summary>
public sealed record PushLayer(Digest DiffId, long TarSize);
