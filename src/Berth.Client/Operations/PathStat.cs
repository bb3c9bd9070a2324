using System.Text.Json;

namespace Berth.Client.Operations;

/// <summary>A path's stat in a container (X-Docker-Container-Path-Stat): Go's os.FileMode bits in Mode.</summary>
public sealed record PathStat(string Name, long Size, uint Mode, string LinkTarget)
{
    private const uint DirectoryBit = 1u << 31;
    private const uint SymlinkBit = 1u << 27;

    public bool IsDirectory => (Mode & DirectoryBit) != 0;

    public bool IsSymlink => (Mode & SymlinkBit) != 0;

    public static PathStat FromHeader(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return new PathStat("", 0, 0, "");
        }

        using var document = JsonDocument.Parse(Convert.FromBase64String(header));
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        long Number(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        return new PathStat(Text("name"), Number("size"), (uint)Number("mode"), Text("linkTarget"));
    }
}
