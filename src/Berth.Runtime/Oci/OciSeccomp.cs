using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>config.json's "linux.seccomp": a default action and per-syscall rules, first match wins per libseccomp.</summary>
public sealed class OciSeccomp
{
    [JsonPropertyName("defaultAction")]
    public string DefaultAction { get; set; } = "SCMP_ACT_ERRNO";

    [JsonPropertyName("defaultErrnoRet")]
    public uint? DefaultErrnoRet { get; set; }

    [JsonPropertyName("architectures")]
    public List<string> Architectures { get; set; } = [];

    [JsonPropertyName("syscalls")]
    public List<OciSyscallRule> Syscalls { get; set; } = [];
}

public sealed class OciSyscallRule
{
    [JsonPropertyName("names")]
    public List<string> Names { get; set; } = [];

    [JsonPropertyName("action")]
    public string Action { get; set; } = "SCMP_ACT_ALLOW";

    [JsonPropertyName("errnoRet")]
    public uint? ErrnoRet { get; set; }

    /// <summary>All must match (AND).</summary>
    [JsonPropertyName("args")]
    public List<OciSyscallArg>? Args { get; set; }
}

public sealed class OciSyscallArg
{
    [JsonPropertyName("index")]
    public uint Index { get; set; }

    [JsonPropertyName("value")]
    public ulong Value { get; set; }

    [JsonPropertyName("valueTwo")]
    public ulong ValueTwo { get; set; }

    /// <summary>SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ...</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = "";
}
