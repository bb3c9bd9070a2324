using System.Globalization;
using Berth.Api.Contracts.Images;
using Berth.Cli.References;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>docker's image formatter (formatter/image.go): one row per repository:tag (and digest), &lt;none&gt; for dangling images.</summary>
internal static class ImageRows
{
    private const string Table = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
    private const string TableWithDigest = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE ID",
        ["Repository"] = "REPOSITORY",
        ["Tag"] = "TAG",
        ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["Size"] = "SIZE",
        ["Containers"] = "CONTAINERS",
        ["VirtualSize"] = "SIZE",
        ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE",
    };

    public static string Format(string source, bool quiet, bool digest)
    {
        switch (source)
        {
            case "table":
                return quiet ? "{{.ID}}" : digest ? TableWithDigest : Table;
            case "raw":
                return quiet ? "image_id: {{.ID}}" : digest
                    ? "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n"
                    : "repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
        }

        return ListFormatter.IsTable(source) && digest && !source.Contains("{{.Digest}}", StringComparison.Ordinal) ? source + "\\t{{.Digest}}" : source;
    }

    public static IEnumerable<TemplateRow> Rows(IEnumerable<ImageSummary> images, string format, bool truncate, bool showDigests, DateTimeOffset now)
    {
        var needDigest = showDigests || format.Contains("{{.Digest}}", StringComparison.Ordinal);
        foreach (var image in images)
        {
            if (IsDangling(image))
            {
                yield return Row(image, "<none>", "<none>", "<none>", truncate, now);
                continue;
            }

            var tags = new List<(string Repository, string Tag)>();
            foreach (var text in image.RepoTags)
            {
                if (ImageReference.TryParse(text, out var reference) && reference!.Tag is { } tag)
                {
                    tags.Add((reference.FamiliarName, tag));
                }
            }

            var digests = new List<(string Repository, string Digest)>();
            foreach (var text in image.RepoDigests)
            {
                if (ImageReference.TryParse(text, out var reference) && reference!.Digest is { } digest)
                {
                    digests.Add((reference.FamiliarName, digest));
                }
            }

            foreach (var repository in tags.Select(t => t.Repository).Distinct())
            {
                var repositoryDigests = needDigest ? digests.Where(d => d.Repository == repository).Select(d => d.Digest).ToList() : [];
                foreach (var (_, tag) in tags.Where(t => t.Repository == repository))
                {
                    if (repositoryDigests.Count == 0)
                    {
                        yield return Row(image, repository, tag, "<none>", truncate, now);
                        continue;
                    }

                    foreach (var digest in repositoryDigests)
                    {
                        yield return Row(image, repository, tag, digest, truncate, now);
                    }
                }
            }

            foreach (var repository in digests.Select(d => d.Repository).Distinct().Where(r => tags.All(t => t.Repository != r)))
            {
                if (showDigests)
                {
                    foreach (var (_, digest) in digests.Where(d => d.Repository == repository))
                    {
                        yield return Row(image, repository, "<none>", digest, truncate, now);
                    }
                }
                else
                {
                    yield return Row(image, repository, "<none>", "", truncate, now);
                }
            }
        }
    }

    private static bool IsDangling(ImageSummary image) =>
        (image.RepoTags.Count == 0 && image.RepoDigests.Count == 0) ||
        (image.RepoTags is ["<none>:<none>"] && image.RepoDigests is ["<none>@<none>"]);

    private static TemplateRow Row(ImageSummary image, string repository, string tag, string digest, bool truncate, DateTimeOffset now) => new(
        "*formatter.imageContext",
        new Dictionary<string, Func<object?>>
        {
            ["ID"] = () => truncate ? DisplayText.TruncateId(image.Id) : image.Id,
            ["Repository"] = () => repository,
            ["Tag"] = () => tag,
            ["Digest"] = () => digest,
            ["CreatedSince"] = () => DisplayText.Ago(image.Created, now),
            ["CreatedAt"] = () => DisplayText.GoTime(image.Created),
            ["Size"] = () => DisplayText.HumanSize(image.Size, 3),
            ["Containers"] = () => image.Containers == -1 ? "N/A" : image.Containers.ToString(CultureInfo.InvariantCulture),
            ["VirtualSize"] = () => DisplayText.HumanSize(image.Size),
            ["SharedSize"] = () => image.SharedSize == -1 ? "N/A" : DisplayText.HumanSize(image.SharedSize),
            ["UniqueSize"] = () => image.Size == -1 || image.SharedSize == -1 ? "N/A" : DisplayText.HumanSize(image.Size - image.SharedSize),
        });
}
