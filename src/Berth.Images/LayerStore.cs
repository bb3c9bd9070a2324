using System.Globalization;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Archive;
using Berth.Images.Content;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// Unpacked layers, stored once per ChainID in overlayfs form: <c>&lt;root&gt;/&lt;chainid hex&gt;/diff</c> is the
/// tree, beside it <c>diffid</c>, <c>size</c> and (above a base layer) <c>parent</c>. A layer is unpacked under
/// <c>.tmp/</c> and renamed into place whole, so the store never shows a partial or refused layer.
/// </summary>
/// <remarks>
/// The unpacked files are not fsynced (Docker's overlay2 does not either): after a power loss a layer's files may
/// be incomplete. Its tar, if kept in the content store, is synced.
/// </remarks>
public sealed partial class LayerStore
{
    private const string DiffDirName = "diff";
    private const string DiffIdFile = "diffid";
    private const string ParentFile = "parent";
    private const string SizeFile = "size";
    private const UnixFileMode DiffDirMode = (UnixFileMode)0x1ED; // 0755: overlay shows a layer root as the container's /

    private readonly string _root;
    private readonly string _staging;

    public LayerStore(string root)
    {
        _root = Path.GetFullPath(root);
        _staging = Path.Combine(_root, ".tmp");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_staging);
        FileSystemMetadata.SetMode(_staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Unpacks a layer tar (plain, gzip or zstd) whose parent stack is <paramref name="parentChainId"/> (null for a
    /// base layer), computing its DiffID in the same single read, and optionally keeping the uncompressed tar as the
    /// blob named by that DiffID. Nothing is stored unless the whole tar applied and matched
    /// <paramref name="expectedDiffId"/>; a layer that is already stored is returned as it is (and, when its DiffID
    /// was given and its tar is kept as asked, <paramref name="layerTar"/> is not read at all).
    /// </summary>
    /// <exception cref="BerthException">
    /// InvalidArgument for a corrupt or truncated archive, an entry that would escape the layer, or a digest mismatch;
    /// NotFound if the parent layer is not stored.
    /// </exception>
    public async Task<LayerInfo> ApplyAsync(Stream layerTar, Digest? parentChainId, Digest? expectedDiffId, LocalContentStore? keepTarIn, CancellationToken ct)
    {
        if (parentChainId is { } parent && !Exists(parent))
        {
            throw NotFound(parent);
        }

        if (expectedDiffId is { } expected && Exists(ChainId.Next(parentChainId, expected)) && (keepTarIn is null || keepTarIn.Exists(expected)))
        {
            return Get(ChainId.Next(parentChainId, expected));
        }

        var staging = Path.Combine(_staging, Guid.NewGuid().ToString("N"));
        var diff = Path.Combine(staging, DiffDirName);
        Directory.CreateDirectory(diff);
        try
        {
            FileSystemMetadata.SetMode(diff, DiffDirMode);
            using var keptTar = keepTarIn?.BeginIngest();
            Digest diffId;
            long size;
            await using (var reader = await LayerTarReader.OpenAsync(layerTar, keptTar, ct).ConfigureAwait(false))
            {
                size = await LayerUnpacker.UnpackAsync(reader, diff, ct).ConfigureAwait(false);
                diffId = reader.DiffId;
            }

            if (expectedDiffId is { } wanted && wanted != diffId)
            {
                throw LocalContentStore.DigestMismatch(wanted, diffId);
            }

            keptTar?.Commit(diffId);
            var layer = new LayerInfo(diffId, ChainId.Next(parentChainId, diffId), size);
            WriteMetadata(staging, layer, parentChainId);
            return Publish(staging, layer) ? layer : Get(layer.ChainId);
        }
        catch (Exception e) when (e is not (BerthException or OperationCanceledException))
        {
            throw Errors.Internal($"failed to register layer: {e.Message}", e);
        }
        finally
        {
            FileSystemTree.Remove(staging);
        }
    }

    public bool Exists(Digest chainId) => Directory.Exists(LayerDir(chainId));

    /// <summary>The stored layer <paramref name="chainId"/> (NotFound if there is none).</summary>
    public LayerInfo Get(Digest chainId)
    {
        try
        {
            var dir = LayerDir(chainId);
            var diffId = Digest.Parse(File.ReadAllText(Path.Combine(dir, DiffIdFile)));
            var size = long.Parse(File.ReadAllText(Path.Combine(dir, SizeFile)), CultureInfo.InvariantCulture);
            return new LayerInfo(diffId, chainId, size);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(chainId);
        }
    }

    /// <summary>The absolute path of the layer's unpacked tree (NotFound if there is no such layer).</summary>
    public string DiffDir(Digest chainId) =>
        Exists(chainId) ? Path.Combine(LayerDir(chainId), DiffDirName) : throw NotFound(chainId);

    public long SizeOf(Digest chainId) => Get(chainId).Size;

    /// <summary>Removes a layer; removing one that is not there is not an error. Layers above it are not checked.</summary>
    public void Delete(Digest chainId)
    {
        // Renamed away first, so the layer disappears at once even if removing its tree takes a while or fails.
        var doomed = Path.Combine(_staging, "deleted-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(LayerDir(chainId), doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        FileSystemTree.Remove(doomed);
    }

    public IEnumerable<Digest> List() =>
        Directory.EnumerateDirectories(_root)
            .Select(Path.GetFileName)
            .Where(name => Digest.IsHex64(name))
            .Select(name => Digest.Parse(name!));

    /// <summary>Removes layers a crash left half unpacked or half deleted. Call at startup, before any apply.</summary>
    public void DeleteIncomplete()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_staging))
        {
            FileSystemTree.Remove(entry);
        }
    }

    private string LayerDir(Digest chainId) => Path.Combine(_root, chainId.Hex);

    private static void WriteMetadata(string dir, LayerInfo layer, Digest? parent)
    {
        File.WriteAllText(Path.Combine(dir, DiffIdFile), layer.DiffId.ToString());
        File.WriteAllText(Path.Combine(dir, SizeFile), layer.Size.ToString(CultureInfo.InvariantCulture));
        if (parent is { } p)
        {
            File.WriteAllText(Path.Combine(dir, ParentFile), p.ToString());
        }
    }

    /// <summary>Renames the staged layer into place; false if that ChainID is already stored (the staged copy is then discarded).</summary>
    private bool Publish(string staging, LayerInfo layer)
    {
        try
        {
            Directory.Move(staging, LayerDir(layer.ChainId));
            return true;
        }
        catch (IOException) when (Exists(layer.ChainId))
        {
            return false;
        }
    }

    private static BerthException NotFound(Digest chainId) => new(ErrorKind.NotFound, $"layer {chainId} does not exist");
}
