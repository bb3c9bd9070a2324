using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>config.json's "linux": namespaces, cgroup resources, device nodes, hidden paths, seccomp, sysctls.</summary>
public sealed class OciLinux
{
    [JsonPropertyName("namespaces")]
    public List<OciNamespace> Namespaces { get; set; } = [];

    [JsonPropertyName("devices")]
    public List<OciDevice>? Devices { get; set; }

    [JsonPropertyName("resources")]
    public OciResources Resources { get; set; } = new();

    [JsonPropertyName("cgroupsPath")]
    public string? CgroupsPath { get; set; }

    [JsonPropertyName("maskedPaths")]
    public List<string>? MaskedPaths { get; set; }

    [JsonPropertyName("readonlyPaths")]
    public List<string>? ReadonlyPaths { get; set; }

    [JsonPropertyName("seccomp")]
    public OciSeccomp? Seccomp { get; set; }

    [JsonPropertyName("sysctl")]
    public Dictionary<string, string>? Sysctl { get; set; }
}

public sealed class OciNamespace
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("path")]
    public string? Path { get; set; }
}

/// <summary>A device node the runtime creates inside the container.</summary>
public sealed class OciDevice
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>"c", "b" or "p".</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("major")]
    public long Major { get; set; }

    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    [JsonPropertyName("fileMode")]
    public uint? FileMode { get; set; }

    [JsonPropertyName("uid")]
    public uint? Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint? Gid { get; set; }
}
