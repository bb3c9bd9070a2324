namespace Berth.Images.Archive;

/// <summary>
/// Tar entry names made relative to the layer root (<c>.</c> and <c>..</c> resolved lexically). Stricter than
/// Docker, which drops a leading <c>/</c> and clamps <c>..</c> at the root: an absolute name or one climbing
/// above the root is refused, as the untrusted-tar rule asks.
/// </summary>
internal static class EntryPath
{
    /// <summary>
    /// Cleans <paramref name="name"/> into a relative path (<c>a/b</c>), null for the root itself.
    /// False if the name climbs out of the root or holds a NUL, or is absolute unless <paramref name="allowAbsolute"/>
    /// (a hard link's target: tools write it either way, and it always means a path of this layer).
    /// </summary>
    public static bool TryClean(string name, out string? path, bool allowAbsolute = false)
    {
        path = null;
        if (name.Contains('\0', StringComparison.Ordinal) || (!allowAbsolute && name.StartsWith('/')))
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
