using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>config.json's "linux.resources": the cgroup settings.</summary>
public sealed class OciResources
{
    /// <summary>Null (left out) for <c>update</c>, which must not touch the device rules.</summary>
    [JsonPropertyName("devices")]
    public List<OciDeviceRule>? Devices { get; set; }

    [JsonPropertyName("memory")]
    public OciMemory? Memory { get; set; }

    [JsonPropertyName("cpu")]
    public OciCpu? Cpu { get; set; }

    [JsonPropertyName("pids")]
    public OciPids? Pids { get; set; }
}

/// <summary>A device cgroup rule; a null major or minor is a wildcard.</summary>
public sealed class OciDeviceRule
{
    [JsonPropertyName("allow")]
    public bool Allow { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("major")]
    public long? Major { get; set; }

    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    [JsonPropertyName("access")]
    public string? Access { get; set; }
}

public sealed class OciMemory
{
    [JsonPropertyName("limit")]
    public long? Limit { get; set; }

    [JsonPropertyName("reservation")]
    public long? Reservation { get; set; }

    [JsonPropertyName("swap")]
    public long? Swap { get; set; }
}

public sealed class OciCpu
{
    [JsonPropertyName("shares")]
    public ulong? Shares { get; set; }

    [JsonPropertyName("quota")]
    public long? Quota { get; set; }

    [JsonPropertyName("period")]
    public ulong? Period { get; set; }

    [JsonPropertyName("cpus")]
    public string? Cpus { get; set; }
}

public sealed class OciPids
{
    [JsonPropertyName("limit")]
    public long Limit { get; set; }
}
