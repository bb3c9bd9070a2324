using Berth.Core.Ids;

namespace Berth.Registry.Push;

/// <summary>A pushed tag: the digest and size of the manifest the registry now holds for it.</summary>
public sealed record PushedImage(string Tag, Digest Digest, long Size);
