using System.Text.RegularExpressions;

namespace Berth.Core.Ids;

/// <summary>
/// A normalized image reference, as Docker's distribution/reference package understands one:
/// <c>busybox</c> is <c>docker.io/library/busybox:latest</c>; <see cref="Familiar"/> gives it back the short way.
/// </summary>
public sealed partial record ImageRef(string Domain, string Path, string? Tag, Digest? Digest)
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";

    // path-component: [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*
    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();

    [GeneratedRegex("^[\\w][\\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\\[[a-fA-F0-9:]+\\](?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    /// <summary>The full repository name: <c>docker.io/library/busybox</c>.</summary>
    public string Repository => Domain + "/" + Path;

    /// <summary>The repository as Docker prints it: <c>busybox</c>, <c>myreg:5000/x/y</c>.</summary>
    public string FamiliarRepository
    {
        get
        {
            if (Domain != DefaultDomain)
            {
                return Repository;
            }

            return Path.StartsWith("library/", StringComparison.Ordinal) && Path.IndexOf('/', 8) < 0 ? Path[8..] : Path;
        }
    }

    /// <summary>The reference as Docker prints it: <c>busybox:latest</c>, <c>x/y@sha256:...</c>.</summary>
    public string Familiar => FamiliarRepository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>The full reference: <c>docker.io/library/busybox:latest</c>.</summary>
    public override string ToString() => Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>This reference with <c>:latest</c> added when it has neither tag nor digest.</summary>
    public ImageRef WithDefaultTag() => Tag is null && Digest is null ? this with { Tag = DefaultTag } : this;

    public ImageRef WithTag(string tag) => this with { Tag = tag, Digest = null };

    /// <summary>Parses and normalizes a reference, throwing InvalidArgument with Docker's wording.</summary>
    public static ImageRef Parse(string text)
    {
        if (!TryParse(text, out var reference, out var error))
        {
            throw Errors.Errors.InvalidArgument(error);
        }

        return reference;
    }

    public static bool TryParse(string text, out ImageRef reference, out string error)
    {
        reference = null!;
        error = "invalid reference format";
        if (string.IsNullOrEmpty(text) || text.Length > 255 + 128 + 72)
        {
            return false;
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Ids.Digest.TryParse(rest[(at + 1)..], out var d) || !rest[(at + 1)..].StartsWith("sha256:", StringComparison.Ordinal))
            {
                return false;
            }

            digest = d;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return false;
            }
        }

        if (rest.Length == 0)
        {
            return false;
        }

        string domain;
        string path;
        var firstSlash = rest.IndexOf('/');
        var first = firstSlash < 0 ? rest : rest[..firstSlash];
        if (firstSlash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsAsciiLetterUpper)))
        {
            domain = first;
            path = rest[(firstSlash + 1)..];
            if (!DomainPattern().IsMatch(domain))
            {
                return false;
            }
        }
        else
        {
            domain = DefaultDomain;
            path = rest;
        }

        if (domain == "index.docker.io")
        {
            domain = DefaultDomain;
        }

        if (domain == DefaultDomain && !path.Contains('/'))
        {
            path = "library/" + path;
        }

        foreach (var component in path.Split('/'))
        {
            if (!PathComponent().IsMatch(component))
            {
                if (component.Any(char.IsAsciiLetterUpper) && PathComponent().IsMatch(component.ToLowerInvariant()))
                {
                    error = $"invalid reference format: repository name ({path}) must be lowercase";
                }

                return false;
            }
        }

        if (domain.Length + 1 + path.Length > 255)
        {
            error = "invalid reference format: repository name must not be more than 255 characters";
            return false;
        }

        reference = new ImageRef(domain, path, tag, digest);
        error = "";
        return true;
    }
}
