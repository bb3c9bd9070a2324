using System.Security.Cryptography;
using System.Text;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// Containers' writable layers over read-only layer trees, as overlayfs mounts. Like containerd's snapshotters it
/// returns the mount to make and mounts nothing: <c>&lt;root&gt;/&lt;key&gt;/upper</c> takes the writes,
/// <c>&lt;root&gt;/&lt;key&gt;/work</c> is overlayfs's scratch space.
/// </summary>
/// <remarks>
/// mount(2) takes at most one page (4096 bytes) of option data. When the lowerdir paths do not fit, they are replaced
/// by short absolute symlinks <c>&lt;root&gt;/l/&lt;name&gt;</c> (Docker's overlay2 keeps such links too, but mounts
/// with relative paths from a chdir'ed child, which a returned mount cannot ask for). A name is the shortest unused
/// prefix, from 6 characters, of the base32 sha256 of the layer path, so the same layer always gets the same link and
/// links need no bookkeeping; one left behind by a deleted layer dangles harmlessly. Under the default data root this
/// fits about 110 layers (Docker allows 125).
/// </remarks>
public sealed class OverlaySnapshotter
{
    private const int MountDataLimit = 4096;
    private const string LinkDirName = "l";
    private const int ShortestLinkName = 6;
    private const UnixFileMode UpperMode = (UnixFileMode)0x1ED; // 0755: overlay shows the upper root as the container's /
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root;
    private readonly string _links;
    private readonly DirectoryTrash? _trash;

    /// <param name="root">Where the snapshots are.</param>
    /// <param name="trash">Removed snapshots go there to be deleted in the background; without one, removal deletes them.</param>
    public OverlaySnapshotter(string root, DirectoryTrash? trash = null)
    {
        _root = Path.GetFullPath(root);
        _trash = trash;
        _links = Path.Combine(_root, LinkDirName);
        Directory.CreateDirectory(_links);
    }

    /// <summary>
    /// Makes (or keeps, with its contents, if it exists) the snapshot <paramref name="key"/> and returns the overlay
    /// mount of it over <paramref name="lowerDirsBottomToTop"/> at <paramref name="target"/>.
    /// </summary>
    /// <param name="disposable">
    /// The snapshot is thrown away after this mount (a --rm container's, as podman does): the mount is
    /// <c>volatile</c>, so overlayfs never syncs the upper dir, and unmounting it does not wait for a journal commit.
    /// </param>
    /// <exception cref="ArgumentException">A bad key, a relative lower dir, or one with <c>,</c> or <c>:</c> in it.</exception>
    /// <exception cref="BerthException">InvalidArgument if even short links cannot make the layers fit.</exception>
    public MountSpec Prepare(string key, IReadOnlyList<string> lowerDirsBottomToTop, string target, bool disposable = false)
    {
        var dir = SnapshotDir(key);
        var lowers = lowerDirsBottomToTop.Reverse().ToList();
        foreach (var lower in lowers)
        {
            if (!Path.IsPathFullyQualified(lower) || lower.AsSpan().ContainsAny(",:"))
            {
                throw new ArgumentException($"cannot be an overlay lowerdir: {lower}", nameof(lowerDirsBottomToTop));
            }
        }

        var upper = Path.Combine(dir, "upper");
        var work = Path.Combine(dir, "work");
        CreatePrivateDirectory(dir);
        CreatePrivateDirectory(work);

        // A volatile mount leaves <workdir>/work/incompat/volatile so that a mount after a crash refuses the unsynced
        // upper. A disposable snapshot does not outlive a crash (daemon start removes --rm containers), so a later
        // mount in the same boot (a restart, cp into the stopped container) may clear it.
        FileSystemTree.Remove(Path.Combine(work, "work", "incompat"));
        Directory.CreateDirectory(upper);
        FileSystemMetadata.SetMode(upper, UpperMode);

        // overlayfs needs at least one lower layer; an image without layers gets an empty one.
        if (lowers.Count == 0)
        {
            var empty = Path.Combine(dir, "empty");
            CreatePrivateDirectory(empty);
            lowers.Add(empty);
        }

        var options = Options(lowers, upper, work, disposable);
        if (!Fits(options))
        {
            options = Options(lowers.Select(ShortLinkTo).ToList(), upper, work, disposable);
        }

        return Fits(options)
            ? new MountSpec("overlay", "overlay", target, options)
            : throw Errors.InvalidArgument($"max depth exceeded: {lowers.Count} layers do not fit in one overlay mount");
    }

    public string UpperDir(string key) => Path.Combine(SnapshotDir(key), "upper");

    /// <summary>overlayfs's scratch directory of the snapshot, for a mount of its upper dir made elsewhere.</summary>
    public string WorkDir(string key) => Path.Combine(SnapshotDir(key), "work");

    /// <summary>Removes the snapshot and its writes; removing one that is not there is not an error. Unmount it first.</summary>
    public void Remove(string key)
    {
        if (_trash is null)
        {
            FileSystemTree.Remove(SnapshotDir(key));
        }
        else
        {
            _trash.Discard(SnapshotDir(key));
        }
    }

    /// <summary>Bytes the container has written (its SizeRw), counted as a layer's size is.</summary>
    public long UsageOf(string key) => FileSystemTree.ApparentSize(UpperDir(key));

    private string SnapshotDir(string key)
    {
        if (key is "" or "." or ".." or LinkDirName || key.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid snapshot key: {key}", nameof(key));
        }

        return Path.Combine(_root, key);
    }

    private static List<string> Options(IReadOnlyList<string> lowersTopToBottom, string upper, string work, bool disposable) =>
    [
        "lowerdir=" + string.Join(':', lowersTopToBottom),
        "upperdir=" + upper,
        "workdir=" + work,

        // Without index=off, a kernel built with the index feature on refuses (EBUSY) a second overlay over the same lower.
        "index=off",
        .. disposable ? (string[])["volatile"] : [],
    ];

    // The option data is one NUL-terminated string.
    private static bool Fits(List<string> options) => Encoding.UTF8.GetByteCount(string.Join(',', options)) < MountDataLimit;

    private string ShortLinkTo(string layerDir)
    {
        var name = Base32(SHA256.HashData(Encoding.UTF8.GetBytes(layerDir)));
        for (var length = ShortestLinkName; ; length++)
        {
            var link = Path.Combine(_links, name[..length]);
            try
            {
                File.CreateSymbolicLink(link, layerDir);
                return link;
            }
            catch (IOException) when (new FileInfo(link).LinkTarget is { } existing)
            {
                // Taken: by this layer (made earlier, or just now by a concurrent Prepare), or by another whose name shares the prefix.
                if (existing == layerDir)
                {
                    return link;
                }
            }
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        FileSystemMetadata.SetMode(path, PrivateMode);
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return text.ToString();
    }
}
