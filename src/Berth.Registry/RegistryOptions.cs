namespace Berth.Registry;

/// <summary>How the daemon reaches registries: which ones speak plain HTTP, and where their extra CAs live.</summary>
public sealed record RegistryOptions
{
    /// <summary>Registries (host or host:port, or a CIDR such as 10.0.0.0/8) reached over plain HTTP, as dockerd's --insecure-registry.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Per-registry TLS material: <c>HOST[:PORT]/ca.crt</c>, <c>client.cert</c> and <c>client.key</c> (dockerd's certs.d).</summary>
    public string CertsDirectory { get; init; } = "/etc/berth/certs.d";

    /// <summary>Where the daemon remembers which registry blobs hold which layers (to skip uploads and downloads).</summary>
    public required string MetadataDirectory { get; init; }

    /// <summary>Layers downloaded at once per pull (dockerd's max-concurrent-downloads).</summary>
    public int MaxConcurrentDownloads { get; init; } = 3;

    /// <summary>Layers uploaded at once per push (dockerd's max-concurrent-uploads).</summary>
    public int MaxConcurrentUploads { get; init; } = 5;

    /// <summary>The size of one PATCH of a chunked upload.</summary>
    public int UploadChunkSize { get; init; } = 8 * 1024 * 1024;
}
