using System.Globalization;
using System.Runtime.InteropServices;

namespace Berth.Api.Endpoints;

/// <summary>Facts about the host that `version` and `info` report, read once at start.</summary>
public sealed class HostFacts
{
    public HostFacts(string dataRoot)
    {
        KernelVersion = ReadFirstLine("/proc/sys/kernel/osrelease") ?? "";
        var osRelease = File.Exists("/etc/os-release") ? File.ReadAllLines("/etc/os-release") : [];
        OperatingSystem = Value(osRelease, "PRETTY_NAME") ?? "Linux";
        OsVersion = Value(osRelease, "VERSION_ID") ?? "";
        MemTotal = MemTotalBytes();
        DaemonId = LoadOrCreateId(Path.Combine(dataRoot, "engine-id"));
        BackingFilesystem = "extfs";
        SwapLimit = File.Exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes") || File.Exists("/sys/fs/cgroup/memory.swap.max");
    }

    public string KernelVersion { get; }

    public string OperatingSystem { get; }

    public string OsVersion { get; }

    public long MemTotal { get; }

    public string DaemonId { get; }

    public string BackingFilesystem { get; }

    public bool SwapLimit { get; }

    public string GitCommit => typeof(HostFacts).Assembly.GetName().Version?.ToString() ?? "dev";

    public string BuildTime => File.GetLastWriteTimeUtc(typeof(HostFacts).Assembly.Location).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    public string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    public string Machine => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";

    public bool IpForwarding() => ReadFirstLine("/proc/sys/net/ipv4/ip_forward") == "1";

    public int OpenFileCount() => Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : 0;

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;

    private static string? Value(string[] lines, string key) =>
        lines.Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..].Trim('"')).FirstOrDefault();

    private static long MemTotalBytes()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n * 1024 : 0;
    }

    /// <summary>A stable daemon ID, kept in the data root (Docker keeps one in engine-id).</summary>
    private static string LoadOrCreateId(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var id = Guid.NewGuid().ToString();
        File.WriteAllText(path, id);
        return id;
    }
}
