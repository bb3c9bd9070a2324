namespace Berth.Images.Archive;

/// <summary>The AUFS-style whiteout names of OCI layers (image-spec layer.md), which overlay layers store differently.</summary>
internal static class Whiteout
{
    /// <summary><c>.wh.NAME</c> deletes NAME of the lower layers.</summary>
    public const string Prefix = ".wh.";

    /// <summary><c>DIR/.wh..wh..opq</c> hides everything the lower layers have in DIR.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    private const string MetaPrefix = ".wh..wh.";

    /// <summary>What overlayfs reads as "this directory hides the lower ones" (Docker's overlay converter).</summary>
    public const string OpaqueXattr = "trusted.overlay.opaque";

    public static bool IsWhiteout(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether a path is, or lies in, AUFS bookkeeping: any other <c>.wh..wh.*</c> name (such as the hard-link
    /// directory <c>.wh..wh.plnk/</c>). Docker skips those entries.
    /// </summary>
    public static bool IsAufsMetadata(string path) =>
        path.Split('/').Any(part => part.StartsWith(MetaPrefix, StringComparison.Ordinal) && part != OpaqueMarker);
}
