using Berth.Core.Ids;

namespace Berth.Images;

/// <summary>A stored layer.</summary>
/// <param name="DiffId">sha256 of the uncompressed layer tar.</param>
/// <param name="ChainId">The identity of the layer stack ending in this layer; the store's key.</param>
/// <param name="Size">
/// Bytes of the unpacked tree as Docker counts a layer's size: the sizes of its non-directories (a symlink
/// counts its target's length), each hard-linked file once.
/// </param>
public sealed record LayerInfo(Digest DiffId, Digest ChainId, long Size);
