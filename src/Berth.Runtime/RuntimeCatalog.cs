using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Runtime;

/// <summary>An installed runtime: its name and executable.</summary>
public sealed record RuntimeInfo(string Name, string Path);

/// <summary>
/// The OCI runtimes this host has, the default one (crun unless told otherwise), and what was done to
/// make the default work here; `info` and the daemon log report <see cref="Notes"/>.
/// </summary>
public sealed class RuntimeCatalog
{
    private readonly Dictionary<string, IOciRuntime> _runtimes;

    private RuntimeCatalog(Dictionary<string, IOciRuntime> runtimes, string defaultName, string cgroupVersion, IReadOnlyList<string> notes)
    {
        _runtimes = runtimes;
        DefaultName = defaultName;
        CgroupVersion = cgroupVersion;
        Notes = notes;
    }

    public string DefaultName { get; }

    public string CgroupVersion { get; }

    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<RuntimeInfo> Available => _runtimes.Values.Select(r => new RuntimeInfo(r.Name, r.Path)).ToList();

    public IOciRuntime Get(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return _runtimes[DefaultName];
        }

        return _runtimes.TryGetValue(name, out var runtime) ? runtime : throw Errors.InvalidArgument($"unknown or invalid runtime name: {name}");
    }

    /// <summary>Finds crun and runc, prepares the cgroup layout for the preferred one, and picks the default.</summary>
    public static RuntimeCatalog Create(string? preferred, string dataRoot, string cgroupParent = "berth")
    {
        var notes = new List<string>();
        var runtimes = new Dictionary<string, IOciRuntime>(StringComparer.Ordinal);
        foreach (var (name, flavor) in new[] { ("crun", RuntimeFlavor.Crun), ("runc", RuntimeFlavor.Runc) })
        {
            if (FindExecutable(name) is { } path)
            {
                runtimes[name] = new CliRuntime(flavor, path, Path.Combine(dataRoot, "runtime", name), cgroupParent);
            }
        }

        if (runtimes.Count == 0)
        {
            throw Errors.Internal("no OCI runtime found: install crun or runc");
        }

        var layout = CgroupLayout.Parse(File.ReadLines("/proc/self/mountinfo"));
        var wanted = preferred ?? "crun";
        if (!runtimes.ContainsKey(wanted))
        {
            notes.Add($"{wanted} is not installed; using {runtimes.Keys.First()}");
            wanted = runtimes.Keys.First();
        }

        if (wanted == "crun" && layout.IsHybrid)
        {
            var held = layout.UnifiedControllers(ReadFile);
            if (held.Count > 0)
            {
                foreach (var controller in held)
                {
                    TryMountV1(controller, notes);
                }

                var left = layout.UnifiedControllers(ReadFile);
                if (left.Count == 0)
                {
                    notes.Add($"hybrid cgroups: moved {string.Join(", ", held)} from the cgroup2 mount to v1 hierarchies so that crun can run containers");
                }
                else if (runtimes.ContainsKey("runc"))
                {
                    notes.Add($"hybrid cgroups: the cgroup2 mount still holds {string.Join(", ", left)}, which crun refuses; using runc");
                    wanted = "runc";
                }
            }
        }

        return new RuntimeCatalog(runtimes, wanted, layout.Version, notes);
    }

    private static void TryMountV1(string controller, List<string> notes)
    {
        var target = Path.Combine("/sys/fs/cgroup", controller);
        try
        {
            Directory.CreateDirectory(target);
            Mounts.Mount("cgroup", target, "cgroup", 0, controller);
        }
        catch (Exception e) when (e is LinuxException or IOException or UnauthorizedAccessException)
        {
            notes.Add($"could not mount a v1 {controller} hierarchy: {e.Message}");
        }
    }

    private static string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
