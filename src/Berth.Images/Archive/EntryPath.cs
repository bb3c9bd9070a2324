namespace Berth.Images.Archive;

/// <summary>
/// Tar entry names made relative to the layer root, the way Docker cleans them (a leading <c>/</c> is dropped,
/// <c>.</c> and <c>..</c> resolved lexically), except that a name climbing above the root is refused, not clamped.
/// </summary>
internal static class EntryPath
{
    /// <summary>
    /// Cleans <paramref name="name"/> into a relative path (<c>a/b</c>), null for the root itself.
    /// False if the name climbs out of the root or holds a NUL.
    /// </summary>
    public static bool TryClean(string name, out string? path)
    {
        path = null;
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("" or "."))
            {
                parts.Add(part);
            }
        }

        path = parts.Count == 0 ? null : string.Join('/', parts);
        return true;
    }

    /// <summary>Splits a clean path into its parent (<c>.</c> for the root) and its last component.</summary>
    public static (string Parent, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? (".", path) : (path[..slash], path[(slash + 1)..]);
    }
}
