using Berth.Core.Errors;
using Berth.Runtime.Cgroups;

namespace Berth.Runtime;

/// <summary>
/// The OCI runtimes this host has, the default one (crun unless told otherwise), the cgroup facts
/// <c>docker info</c> shows, and what was done to make the default work here (<see cref="Notes"/>, for
/// the daemon log and <c>info</c>). The daemon creates one at start, after <see cref="RuntimeHost.Initialize"/>.
/// </summary>
public sealed class RuntimeCatalog
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private readonly Dictionary<string, IOciRuntime> _runtimes;
    private readonly string _cgroupParent;
    private readonly string? _unifiedMount;

    internal RuntimeCatalog(IEnumerable<IOciRuntime> runtimes, string defaultName, CgroupLayout layout, string cgroupParent, IReadOnlyList<string> notes)
    {
        _runtimes = runtimes.ToDictionary(r => r.Name, StringComparer.Ordinal);
        DefaultName = defaultName;
        CgroupVersion = layout.Version;
        _unifiedMount = layout.Version == "2" ? layout.UnifiedMount : null;
        _cgroupParent = cgroupParent;
        Notes = notes;
    }

    public string DefaultName { get; }

    /// <summary>"1" or "2".</summary>
    public string CgroupVersion { get; }

    /// <summary>Berth drives cgroups through cgroupfs paths (/berth/&lt;id&gt;), never systemd.</summary>
    public string CgroupDriver => "cgroupfs";

    /// <summary>Human sentences on what was found and done (empty when nothing needed doing).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>One sentence for the daemon log and info: the default runtime and why.</summary>
    public string Summary => Notes.Count == 0
        ? $"default runtime {DefaultName} (cgroup v{CgroupVersion}, {CgroupDriver} driver)"
        : $"default runtime {DefaultName} (cgroup v{CgroupVersion}, {CgroupDriver} driver): {string.Join("; ", Notes)}";

    /// <summary>The cgroup a container runs in (crun and runc both get cgroupsPath /&lt;parent&gt;/&lt;id&gt;).</summary>
    public ContainerCgroup CgroupOf(string containerId) =>
        new(_unifiedMount ?? CgroupRoot, _cgroupParent + "/" + containerId, unified: _unifiedMount is not null);

    /// <summary>The installed runtimes only.</summary>
    public IReadOnlyList<RuntimeInfo> Available => _runtimes.Values.Select(r => new RuntimeInfo(r.Name, r.Path)).ToList();

    /// <summary>Every installed runtime.</summary>
    public IEnumerable<IOciRuntime> All => _runtimes.Values;

    /// <summary>A runtime by name; null or empty is the default.</summary>
    public IOciRuntime Get(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return _runtimes[DefaultName];
        }

        return _runtimes.TryGetValue(name, out var runtime) ? runtime : throw Errors.InvalidArgument($"unknown or invalid runtime name: {name}");
    }

    /// <summary>Finds crun and runc, prepares a hybrid cgroup host for crun, and picks the default.</summary>
    /// <param name="preferred">The runtime asked for (berthd --runtime); null for crun.</param>
    /// <param name="dataRoot">Each runtime keeps its state under &lt;dataRoot&gt;/runtime/&lt;name&gt;.</param>
    /// <param name="cgroupParent">Containers' cgroups go under /&lt;cgroupParent&gt;/&lt;id&gt;.</param>
    public static RuntimeCatalog Create(string? preferred, string dataRoot, string cgroupParent = "berth")
    {
        var runtimes = new List<IOciRuntime>();
        foreach (var (name, flavor) in new[] { ("crun", RuntimeFlavor.Crun), ("runc", RuntimeFlavor.Runc) })
        {
            if (FindExecutable(name) is { } path)
            {
                runtimes.Add(new CliRuntime(flavor, path, Path.Combine(dataRoot, "runtime", name), cgroupParent));
            }
        }

        if (runtimes.Count == 0)
        {
            throw Errors.Internal("no OCI runtime found: install crun or runc");
        }

        var layout = CgroupLayout.Detect();
        var (defaultName, notes) = HybridCgroups.ChooseDefault(preferred, runtimes.Select(r => r.Name).ToList(), layout, ReadFile, HybridCgroups.MountV1);
        if (CgroupMigrationLatency.Reduce(layout, CgroupMigrationLatency.Remount) is { } note)
        {
            notes = [.. notes, note];
        }

        return new RuntimeCatalog(runtimes, defaultName, layout, cgroupParent, notes);
    }

    private static string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
