using Berth.Core.Ids;

namespace Berth.Registry.Http;

/// <summary>A manifest or index as the registry served it: its exact bytes, their digest and media type.</summary>
public sealed record FetchedManifest(byte[] Bytes, Digest Digest, string MediaType);
