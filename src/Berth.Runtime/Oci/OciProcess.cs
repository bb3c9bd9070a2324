using System.Text.Json.Serialization;

namespace Berth.Runtime.Oci;

/// <summary>config.json's "process", and on its own an exec's process.json.</summary>
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
    public List<string>? Bounding { get; set; }

    [JsonPropertyName("effective")]
    public List<string>? Effective { get; set; }

    [JsonPropertyName("inheritable")]
    public List<string>? Inheritable { get; set; }

    [JsonPropertyName("permitted")]
    public List<string>? Permitted { get; set; }

    [JsonPropertyName("ambient")]
    public List<string>? Ambient { get; set; }
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
