using Berth.Core.Errors;

namespace Berth.Images.Archive;

/// <summary>
/// Tar entry names made relative to the layer root, the way Docker cleans them (a leading <c>/</c> is dropped,
/// <c>.</c> and <c>..</c> resolved lexically), except that a name climbing above the root is refused, not clamped.
/// </summary>
internal static class EntryPath
{
    /// <summary>The clean relative path (<c>a/b</c>), or null for the root itself.</summary>
    /// <exception cref="BerthException">InvalidArgument if the name leaves the root or holds a NUL.</exception>
    public static string? Clean(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid(name);
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        throw Invalid(name);
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Splits a clean path into its parent (<c>.</c> for the root) and its last component.</summary>
    public static (string Parent, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? (".", path) : (path[..slash], path[(slash + 1)..]);
    }

    private static BerthException Invalid(string name) => Errors.InvalidArgument($"invalid tar entry name \"{name}\": outside of the layer");
}
