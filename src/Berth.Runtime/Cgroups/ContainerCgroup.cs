using System.Globalization;

namespace Berth.Runtime.Cgroups;

/// <summary>
/// Where one container's cgroup is: <c>/&lt;parent&gt;/&lt;id&gt;</c> under each v1 hierarchy
/// (<c>/sys/fs/cgroup/&lt;controller&gt;/berth/&lt;id&gt;</c>), or under the unified mount on a v2 host.
/// </summary>
public sealed class ContainerCgroup
{
    private readonly string _root;
    private readonly string _relative;

    /// <param name="root">The v1 hierarchies' parent directory, or the cgroup2 mount when <paramref name="unified"/>.</param>
    /// <param name="relative">The container's cgroup below each hierarchy's root, e.g. "berth/&lt;id&gt;".</param>
    public ContainerCgroup(string root, string relative, bool unified)
    {
        _root = root;
        _relative = relative.TrimStart('/');
        Unified = unified;
    }

    /// <summary>True on a cgroup v2 host: one directory holds every controller's files.</summary>
    public bool Unified { get; }

    /// <summary>The container's directory in <paramref name="controller"/>'s hierarchy (the unified one on v2).</summary>
    public string Dir(string controller) => Unified ? Path.Combine(_root, _relative) : Path.Combine(_root, controller, _relative);

    /// <summary>The PIDs (host namespace) of every process in the container, from cgroup.procs; empty once the cgroup is gone.</summary>
    public async Task<IReadOnlyList<int>> ProcessesAsync(CancellationToken ct)
    {
        var file = Path.Combine(Dir("pids"), "cgroup.procs");
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture))
            .Order()
            .ToList();
    }
}
