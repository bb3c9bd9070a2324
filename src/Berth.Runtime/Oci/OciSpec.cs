using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>The OCI runtime-spec config.json (the parts Berth writes).</summary>
public sealed class OciSpec
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "1.0.2";

    [JsonPropertyName("process")]
    public OciProcess Process { get; set; } = new();

    [JsonPropertyName("root")]
    public OciRoot Root { get; set; } = new();

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("domainname")]
    public string? Domainname { get; set; }

    [JsonPropertyName("mounts")]
    public List<OciMount> Mounts { get; set; } = [];

    [JsonPropertyName("linux")]
    public OciLinux Linux { get; set; } = new();

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }
}

public sealed class OciProcess
{
    [JsonPropertyName("terminal")]
    public bool Terminal { get; set; }

    [JsonPropertyName("consoleSize")]
    public OciConsoleSize? ConsoleSize { get; set; }

    [JsonPropertyName("user")]
    public OciUser User { get; set; } = new();

    [JsonPropertyName("args")]
    public List<string> Args { get; set; } = [];

    [JsonPropertyName("env")]
    public List<string> Env { get; set; } = [];

    [JsonPropertyName("cwd")]
    public string Cwd { get; set; } = "/";

    [JsonPropertyName("capabilities")]
    public OciCapabilities? Capabilities { get; set; }

    [JsonPropertyName("rlimits")]
    public List<OciRlimit>? Rlimits { get; set; }

    [JsonPropertyName("noNewPrivileges")]
    public bool NoNewPrivileges { get; set; }

    [JsonPropertyName("oomScoreAdj")]
    public int? OomScoreAdj { get; set; }
}

public sealed class OciConsoleSize
{
    [JsonPropertyName("height")]
    public uint Height { get; set; }

    [JsonPropertyName("width")]
    public uint Width { get; set; }
}

public sealed class OciUser
{
    [JsonPropertyName("uid")]
    public uint Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint Gid { get; set; }

    [JsonPropertyName("additionalGids")]
    public List<uint>? AdditionalGids { get; set; }
}

public sealed class OciCapabilities
{
    [JsonPropertyName("bounding")]
    public List<string> Bounding { get; set; } = [];

    [JsonPropertyName("effective")]
    public List<string> Effective { get; set; } = [];

    [JsonPropertyName("permitted")]
    public List<string> Permitted { get; set; } = [];
}

public sealed class OciRlimit
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("hard")]
    public ulong Hard { get; set; }

    [JsonPropertyName("soft")]
    public ulong Soft { get; set; }
}

public sealed class OciRoot
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("readonly")]
    public bool Readonly { get; set; }
}

public sealed class OciMount
{
    [JsonPropertyName("destination")]
    public string Destination { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("source")]
    public string Source { get; set; } = "";

    [JsonPropertyName("options")]
    public List<string>? Options { get; set; }
}

public sealed class OciLinux
{
    [JsonPropertyName("namespaces")]
    public List<OciNamespace> Namespaces { get; set; } = [];

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

public sealed class OciResources
{
    [JsonPropertyName("devices")]
    public List<OciDeviceRule> Devices { get; set; } = [];

    [JsonPropertyName("memory")]
    public OciMemory? Memory { get; set; }

    [JsonPropertyName("cpu")]
    public OciCpu? Cpu { get; set; }

    [JsonPropertyName("pids")]
    public OciPids? Pids { get; set; }
}

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

    [JsonPropertyName("op")]
    public string Op { get; set; } = "";
}

/// <summary>An exec's process.json is a bare OciProcess.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(OciProcess))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
