using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Runtime.Oci;
using Berth.Runtime.Spec;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>The JSON a runtime reads: runtime-spec field names, no nulls, and a lossless round trip.</summary>
public sealed class OciJsonTests
{
    [Fact]
    public void Config_has_runtime_spec_names_and_no_nulls()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(OciSpecBuilder.Build(Specs.Container(), "berth"), OciJsonContext.Default.OciSpec))!.AsObject();

        Assert.Equal(["ociVersion", "process", "root", "hostname", "mounts", "linux"], json.Select(p => p.Key));
        Assert.Equal("/bundle/rootfs", (string?)json["root"]!["path"]);
        Assert.Equal("SCMP_ACT_ERRNO", (string?)json["linux"]!["seccomp"]!["defaultAction"]);
        Assert.Equal("/berth/c1", (string?)json["linux"]!["cgroupsPath"]);
        Assert.Equal(0, (int)json["process"]!["user"]!["uid"]!);
        Assert.Null(json["process"]!["consoleSize"]);
        Assert.Empty(Nulls(json));
    }

    [Fact]
    public void Wildcard_device_rules_leave_out_major_and_minor()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(OciSpecBuilder.Build(Specs.Container(), "berth"), OciJsonContext.Default.OciSpec))!;
        var denyAll = json["linux"]!["resources"]!["devices"]![0]!.AsObject();
        Assert.Equal(["allow", "access"], denyAll.Select(p => p.Key));
    }

    [Fact]
    public void A_spec_round_trips()
    {
        var spec = OciSpecBuilder.Build(Specs.Container() with { Resources = new ResourceLimits { MemoryBytes = 1 << 24, NanoCpus = 500_000_000, PidsLimit = 9 } }, "berth");
        var json = JsonSerializer.Serialize(spec, OciJsonContext.Default.OciSpec);
        var back = JsonSerializer.Deserialize(json, OciJsonContext.Default.OciSpec)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, OciJsonContext.Default.OciSpec));
        Assert.Equal(1 << 25, back.Linux.Resources.Memory!.Swap);
    }

    [Fact]
    public void An_exec_process_is_a_bare_process_object()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(OciSpecBuilder.Process(Specs.Process(["ls"]), []), OciJsonContext.Default.OciProcess))!.AsObject();
        Assert.Equal(["terminal", "user", "args", "env", "cwd", "capabilities", "noNewPrivileges"], json.Select(p => p.Key));
    }

    private static IEnumerable<string> Nulls(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case null:
                yield return path;
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var p in Nulls(value, $"{path}.{key}"))
                    {
                        yield return p;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var p in Nulls(a[i], $"{path}[{i}]"))
                    {
                        yield return p;
                    }
                }

                break;
        }
    }
}
