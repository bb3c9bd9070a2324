using Berth.Core.Ids;
using Berth.Images.Manifests;
using Berth.Registry.Http;

namespace Berth.Registry.Pull;

/// <summary>A pull whose manifest is resolved: the session, the platform's manifest, and the digest the reference named.</summary>
public sealed record PullPlan(ImageRef Reference, RepositoryClient Repository, OciManifest Manifest, Digest NamedDigest, string TagOrDigest);
