using Berth.Core;
using Berth.Core.Ids;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    private static readonly HashSet<string> ListFilters = ["dangling", "label", "before", "since", "reference", "until"];

    /// <summary>`docker images`: newest first, filtered as Docker filters.</summary>
    public IReadOnlyList<ResolvedImage> List(FilterArgs filters)
    {
        filters.Validate(ListFilters);
        var dangling = filters.GetBool("dangling");
        var before = filters.Get("before").Select(r => Resolve(r).Record.Loaded).DefaultIfEmpty(DateTime.MaxValue).Min();
        var since = filters.Get("since").Select(r => Resolve(r).Record.Loaded).DefaultIfEmpty(DateTime.MinValue).Max();
        var result = new List<ResolvedImage>();
        foreach (var record in _store.Images)
        {
            var tags = TagsOf(record.Id);
            var config = GetConfig(record.Id);
            if (dangling is { } wantDangling && (tags.Count == 0) != wantDangling)
            {
                continue;
            }

            if (!filters.MatchesLabels("label", config.Config?.Labels ?? new Dictionary<string, string>()))
            {
                continue;
            }

            if (record.Loaded >= before || record.Loaded <= since)
            {
                continue;
            }

            if (filters.Contains("reference"))
            {
                // as moby: only the tags that match are listed
                tags = tags.Where(t => filters.Get("reference").Any(pattern => ReferenceMatches(pattern, t))).ToList();
                if (tags.Count == 0)
                {
                    continue;
                }
            }

            result.Add(new ResolvedImage(record, config, tags));
        }

        return result.OrderByDescending(i => i.Config.Created ?? DateTimeOffset.MinValue).ThenByDescending(i => i.Record.Loaded).ToList();
    }

    /// <summary>Docker's reference filter: a glob on the familiar name, with or without the tag.</summary>
    private static bool ReferenceMatches(string pattern, string familiarTag)
    {
        var repository = familiarTag[..familiarTag.LastIndexOf(':')];
        return Glob(pattern, familiarTag) || Glob(pattern, repository);
    }

    private static bool Glob(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text,
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$");

    /// <summary>`docker image prune [-a]`: removes dangling (or all unused) images nothing uses, filtered by label, label! and until (creation time).</summary>
    public async Task<(IReadOnlyList<ImageDeleteResult> Deleted, long Reclaimed)> PruneAsync(bool all, FilterArgs filters, CancellationToken ct)
    {
        filters.Validate(new HashSet<string> { "dangling", "label", "label!", "until" });
        if (filters.GetBool("dangling") == false)
        {
            all = true;
        }

        var until = filters.Get("until").Select(Containers.ContainerService.ParseUntil).DefaultIfEmpty(DateTime.MaxValue).Min();
        var deleted = new List<ImageDeleteResult>();
        long reclaimed = 0;
        foreach (var image in List(FilterArgs.Empty))
        {
            if ((!all && image.Tags.Count > 0) || _containers.All.Any(c => c.ImageId == image.Record.Id))
            {
                continue;
            }

            var labels = image.Config.Config?.Labels ?? new Dictionary<string, string>();
            if (!filters.MatchesLabels("label", labels) || filters.Get("label!").Any(l => HasLabel(l, labels))
                || (image.Config.Created?.UtcDateTime ?? image.Record.Loaded) >= until)
            {
                continue;
            }

            var sizes = image.Record.ChainIds.Select(Digest.Parse).Where(_layers.Exists).ToDictionary(c => c, _layers.SizeOf);
            deleted.AddRange(await RemoveAsync(image.Record.Id, force: false, ct).ConfigureAwait(false));
            reclaimed += sizes.Where(s => !_layers.Exists(s.Key)).Sum(s => s.Value);
        }

        return (deleted, reclaimed);
    }

    /// <summary>Whether <paramref name="labels"/> has the label <paramref name="filter"/> names ("key" or "key=value").</summary>
    private static bool HasLabel(string filter, IReadOnlyDictionary<string, string> labels) =>
        new FilterArgs(new Dictionary<string, IReadOnlyCollection<string>> { ["label"] = [filter] }).MatchesLabels("label", labels);
}
