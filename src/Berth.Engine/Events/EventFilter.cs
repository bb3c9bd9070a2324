using Berth.Core;
using Berth.Core.Ids;

namespace Berth.Engine.Events;

/// <summary>
/// Which events a `docker events --filter ...` subscriber gets, matched as moby's daemon/events filter matches: every
/// key must match; container, network, volume (and daemon, plugin) match the actor's ID or name attribute by prefix;
/// image matches the ID or image name, with or without its tag; label matches the actor's attributes.
/// </summary>
public sealed class EventFilter(FilterArgs filters)
{
    /// <summary>Actions matched by prefix when given bare, since their full text carries the command ("exec_start: sh").</summary>
    private static readonly HashSet<string> PrefixActions = new(StringComparer.Ordinal) { "health_status", "exec_create", "exec_start" };

    private static readonly string[] NamedTypes = ["container", "network", "volume", "daemon", "plugin", "service", "node", "secret", "config"];

    public static EventFilter All { get; } = new(FilterArgs.Empty);

    public bool Includes(EngineEvent e) =>
        MatchesAction(e.Action) &&
        filters.MatchesExact("type", e.Type) &&
        filters.MatchesExact("scope", "local") &&
        NamedTypes.All(type => MatchesName(type, e)) &&
        MatchesImage(e) &&
        MatchesLabels(e.Attributes);

    private bool MatchesAction(string action) =>
        filters.Get("event").Any(PrefixActions.Contains) ? Fuzzy("event", action) : filters.MatchesExact("event", action);

    /// <summary>A filter on type T (container=x) keeps only events whose actor ID or name starts with a given value; it never matches another type's actor.</summary>
    private bool MatchesName(string type, EngineEvent e) =>
        Fuzzy(type, e.ActorId) || Fuzzy(type, e.Attributes.GetValueOrDefault("name") ?? "");

    /// <summary>An image event's actor is the image (name attribute); a container event's image is its "image" attribute.</summary>
    private bool MatchesImage(EngineEvent e)
    {
        if (!filters.Contains("image"))
        {
            return true;
        }

        var name = e.Attributes.GetValueOrDefault(e.Type == "image" ? "name" : "image") ?? "";
        return new[] { e.ActorId, name, WithoutTag(e.ActorId), WithoutTag(name) }.Any(v => filters.MatchesExact("image", v));
    }

    /// <summary>moby's MatchKVList: every label filter must hold, and an actor without attributes matches none.</summary>
    private bool MatchesLabels(IReadOnlyDictionary<string, string> attributes) =>
        !filters.Contains("label") || (attributes.Count > 0 && filters.MatchesLabels("label", attributes));

    private bool Fuzzy(string key, string source)
    {
        var values = filters.Get(key);
        return values.Count == 0 || values.Any(v => source.StartsWith(v, StringComparison.Ordinal));
    }

    /// <summary>"busybox:1.36" → "busybox", "docker.io/library/busybox" → "busybox"; anything that is not a reference stays as it is.</summary>
    private static string WithoutTag(string image) =>
        ImageRef.TryParse(image, out var reference, out _) ? reference.FamiliarRepository : image;
}
