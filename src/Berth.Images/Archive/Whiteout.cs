namespace Berth.Images.Archive;

/// <summary>The AUFS-style whiteout names of OCI layers (image-spec layer.md), which overlay layers store differently.</summary>
internal static class Whiteout
{
    /// <summary><c>.wh.NAME</c> deletes NAME of the lower layers.</summary>
    public const string Prefix = ".wh.";

    /// <summary><c>DIR/.wh..wh..opq</c> hides everything the lower layers have in DIR.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>Other <c>.wh..wh.*</c> names are AUFS bookkeeping (hard-link dirs and such), skipped as Docker does.</summary>
    public const string MetaPrefix = ".wh..wh.";

    /// <summary>What overlayfs reads as "this directory hides the lower ones" (Docker's overlay converter).</summary>
    public const string OpaqueXattr = "trusted.overlay.opaque";

    public static bool IsWhiteout(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
