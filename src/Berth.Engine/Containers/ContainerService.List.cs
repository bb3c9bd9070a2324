using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Core;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private static readonly HashSet<string> ListFilters =
        ["id", "name", "label", "label!", "status", "exited", "ancestor", "before", "since", "volume", "network", "health", "publish", "expose", "is-task", "isolation"];

    private static readonly HashSet<string> Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    /// <summary>`docker ps`: newest first; running only unless <paramref name="all"/> (or a filter implies otherwise).</summary>
    public IReadOnlyList<ContainerRecord> List(bool all, int limit, FilterArgs filters)
    {
        filters.Validate(ListFilters);
        foreach (var status in filters.Get("status"))
        {
            if (!Statuses.Contains(status))
            {
                throw Errors.InvalidArgument($"invalid filter 'status={status}'");
            }
        }

        var exited = filters.Get("exited").Select(e => int.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw Errors.InvalidArgument($"invalid filter 'exited={e}'")).ToHashSet();
        var before = filters.Get("before").Select(b => Get(b).Created).DefaultIfEmpty(DateTime.MaxValue).Min();
        var since = filters.Get("since").Select(s => Get(s).Created).DefaultIfEmpty(DateTime.MinValue).Max();
        var ancestors = filters.Get("ancestor").Select(a => _images.TryResolve(a)?.Record.Id ?? "").ToHashSet(StringComparer.Ordinal);
        var showAll = all || filters.Contains("status") || filters.Contains("exited") || limit > 0 || filters.Contains("before") || filters.Contains("since");

        var result = _store.All
            .Where(c => showAll || c.State.Status.IsRunning())
            .Where(c => filters.MatchesExact("status", c.State.Status.ToDockerString()))
            .Where(c => filters.MatchesExact("health", c.State.Health?.Status ?? "none"))
            .Where(c => exited.Count == 0 || (c.State.Status == ContainerStatus.Exited && exited.Contains(c.State.ExitCode)))
            .Where(c => !filters.Contains("id") || filters.Get("id").Any(p => c.Id.StartsWith(p, StringComparison.Ordinal)))
            .Where(c => !filters.Contains("name") || filters.Get("name").Any(p => NameMatches(p, c.Name)))
            .Where(c => filters.MatchesLabels("label", c.Config.Labels) && NotLabels(filters, c))
            .Where(c => ancestors.Count == 0 || ancestors.Contains(c.ImageId))
            .Where(c => c.Created < before && c.Created > since)
            .Where(c => !filters.Contains("volume") || filters.Get("volume").Any(v => c.MountPoints.Any(m => m.Name == v || m.Source == v || m.Destination == v)))
            .Where(c => !filters.Contains("network") || filters.Get("network").Contains(c.Host.NetworkMode))
            .Where(c => !filters.Contains("expose") || filters.Get("expose").Any(p => c.Config.ExposedPorts.Contains(WithProto(p))))
            .Where(c => !filters.Contains("publish") || filters.Get("publish").Any(p => c.Host.PortBindings.ContainsKey(WithProto(p))))
            .OrderByDescending(c => c.Created);
        return limit > 0 ? result.Take(limit).ToList() : result.ToList();
    }

    private static string WithProto(string port) => port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp";

    /// <summary>Docker matches the name filter as a regular expression against "/name".</summary>
    private static bool NameMatches(string pattern, string name)
    {
        try
        {
            return Regex.IsMatch("/" + name, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw Errors.InvalidArgument($"invalid filter 'name={pattern}'");
        }
    }
}
