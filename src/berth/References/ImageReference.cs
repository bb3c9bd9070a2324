using System.Text.RegularExpressions;

namespace Berth.Cli.References;

/// <summary>
/// A Docker image reference as distribution/reference parses it: [domain/]path[:tag][@digest],
/// with docker.io and library/ implied for familiar names ("busybox" → docker.io/library/busybox).
/// </summary>
internal sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    public const string DefaultDomain = "docker.io";

    /// <summary>The fully qualified repository: "docker.io/library/busybox".</summary>
    public string Name => Domain + "/" + Path;

    /// <summary>The repository as users write it: "busybox", "myreg:5000/img".</summary>
    public string FamiliarName => Domain == DefaultDomain && Path.StartsWith("library/", StringComparison.Ordinal) && Path.Count(c => c == '/') == 1
        ? Path["library/".Length..]
        : Domain == DefaultDomain ? Path : Name;

    /// <summary>reference.FamiliarString: familiar name, tag and digest.</summary>
    public string FamiliarString => FamiliarName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>reference.TagNameOnly: "latest" when neither tag nor digest was given.</summary>
    public ImageReference WithDefaultTag() => Tag is null && Digest is null ? this with { Tag = "latest" } : this;

    /// <summary>reference.ParseNormalizedNamed; throws <see cref="FormatException"/> with docker's message.</summary>
    public static ImageReference Parse(string text)
    {
        if (text.Length == 0 || !AnchoredReference().IsMatch(text))
        {
            if (text.Length > 0 && text.ToLowerInvariant() != text && AnchoredReference().IsMatch(text.ToLowerInvariant()))
            {
                var name = text.Split('@')[0];
                var tagColon = name.LastIndexOf(':');
                if (tagColon > name.LastIndexOf('/'))
                {
                    name = name[..tagColon];
                }

                throw new FormatException($"invalid reference format: repository name ({name}) must be lowercase");
            }

            throw new FormatException("invalid reference format");
        }

        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var remainder = text;
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            remainder = text[..at];
        }

        string? tag = null;
        var colon = remainder.LastIndexOf(':');
        if (colon > remainder.LastIndexOf('/'))
        {
            tag = remainder[(colon + 1)..];
            remainder = remainder[..colon];
        }

        var (domain, path) = SplitDomain(remainder);
        if (path.Length > 255)
        {
            throw new FormatException("repository name must not be more than 255 characters");
        }

        return new ImageReference(domain, path, tag, digest);
    }

    public static bool TryParse(string text, out ImageReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            reference = null;
            return false;
        }
    }

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static (string Domain, string Path) SplitDomain(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || (!name[..slash].Contains('.', StringComparison.Ordinal) && !name[..slash].Contains(':', StringComparison.Ordinal) &&
                          name[..slash] != "localhost" && name[..slash].ToLowerInvariant() == name[..slash]))
        {
            var path = name.Contains('/', StringComparison.Ordinal) ? name : "library/" + name;
            return (DefaultDomain, path);
        }

        var domain = name[..slash];
        var remainder = name[(slash + 1)..];
        if (domain == "index.docker.io")
        {
            domain = DefaultDomain;
        }

        if (domain == DefaultDomain && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = "library/" + remainder;
        }

        return (domain, remainder);
    }

    // distribution/reference's ReferenceRegexp, anchored: [domain/]path-components[:tag][@digest]
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/|\[[a-fA-F0-9:]+\](?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$")]
    private static partial Regex AnchoredReference();
}
