using System.Text.Json;
using Berth.Api.Contracts;
using Berth.Api.Contracts.Json;
using Berth.Images.Archive;
using Berth.Linux;
using WireStat = Berth.Api.Contracts.Containers.ContainerPathStat;

namespace Berth.Api.Mapping;

/// <summary>moby's setContainerPathStatHeader: the stat as JSON, base64 (standard alphabet), with Go's os.FileMode bits.</summary>
public static class PathStatHeader
{
    public const string Name = "X-Docker-Container-Path-Stat";

    private const uint ModeDir = 1u << 31;
    private const uint ModeSymlink = 1u << 27;
    private const uint ModeDevice = 1u << 26;
    private const uint ModeNamedPipe = 1u << 25;
    private const uint ModeSocket = 1u << 24;
    private const uint ModeSetuid = 1u << 23;
    private const uint ModeSetgid = 1u << 22;
    private const uint ModeCharDevice = 1u << 21;
    private const uint ModeSticky = 1u << 20;

    public static string Value(ContainerPathStat stat)
    {
        var wire = new WireStat
        {
            Name = stat.Name,
            Size = stat.Size,
            Mode = GoFileMode(stat.Type, stat.Mode),
            Mtime = Units.Rfc3339Nano(stat.Modified.UtcDateTime),
            LinkTarget = stat.LinkTarget,
        };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(wire, BerthJsonContext.Default.ContainerPathStat));
    }

    public static uint GoFileMode(FileSystemNodeType type, UnixFileMode mode)
    {
        var bits = (uint)mode & 0x1FF;
        bits |= type switch
        {
            FileSystemNodeType.Directory => ModeDir,
            FileSystemNodeType.SymbolicLink => ModeSymlink,
            FileSystemNodeType.BlockDevice => ModeDevice,
            FileSystemNodeType.CharacterDevice => ModeDevice | ModeCharDevice,
            FileSystemNodeType.Fifo => ModeNamedPipe,
            FileSystemNodeType.Socket => ModeSocket,
            _ => 0,
        };
        bits |= mode.HasFlag(UnixFileMode.SetUser) ? ModeSetuid : 0;
        bits |= mode.HasFlag(UnixFileMode.SetGroup) ? ModeSetgid : 0;
        bits |= mode.HasFlag(UnixFileMode.StickyBit) ? ModeSticky : 0;
        return bits;
    }
}
