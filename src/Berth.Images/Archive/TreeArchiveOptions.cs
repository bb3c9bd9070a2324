namespace Berth.Images.Archive;

/// <summary>How <see cref="TreeArchiver"/> writes a tree.</summary>
/// <param name="OverlayWhiteouts">
/// The tree is an overlay upper dir: its 0/0 character devices become <c>.wh.NAME</c> files and its opaque
/// directories get a <c>.wh..wh..opq</c> entry, as Docker's overlay converter writes a layer diff.
/// </param>
/// <param name="CrossMounts">Descend into directories that are mount points (a container's volumes), or leave them empty.</param>
/// <param name="Skip">Entries left out, with all below them, by archive name (no trailing slash).</param>
internal sealed record TreeArchiveOptions(bool OverlayWhiteouts = false, bool CrossMounts = false, IReadOnlySet<string>? Skip = null);
