using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Berth.Core.Ids;
using Berth.Images.Archive;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// A container's changes as a layer (<c>docker commit</c>): its overlay upper directory is written as a layer tar,
/// whiteouts in their OCI form, the runtime's empty mount targets left out, and that tar is unpacked into the layer
/// store and kept as its blob while it is being written, through a pipe: one pass, no temporary file.
/// </summary>
public static class OverlayDiff
{
    /// <summary>
    /// The files every container has bind-mounted over it: what the runtime left in the upper dir at those paths is
    /// an empty mount target, never the container's writes (Docker keeps such targets in an "init" layer that a
    /// commit leaves out).
    /// </summary>
    private static readonly string[] MountTargets = ["hostname", "hosts", "resolv.conf"];

    /// <summary>Whether the container changed nothing (its upper directory is empty but for mount targets), so a commit adds no layer.</summary>
    public static bool IsEmpty(string upperDir)
    {
        if (!Directory.Exists(upperDir))
        {
            return true;
        }

        using var upper = FileSystemNodes.OpenDirectory(upperDir);
        var skip = RuntimeLeftovers(upper);
        return FileTreeReader.Names(upper).All(skip.Contains);
    }

    /// <summary>
    /// Archive names to leave out of the diff: empty mount targets under etc/, and etc/ itself when the runtime made
    /// it only to hold them (nothing else in it, not opaque).
    /// </summary>
    internal static HashSet<string> RuntimeLeftovers(SafeFdHandle upper)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal);
        if (!FileSystemNodes.TryGetStatus(upper, "etc", out var etcStatus) || !etcStatus.IsDirectory)
        {
            return skip;
        }

        using var etc = FileTreeReader.OpenDirectory(upper, "etc", crossMounts: false);
        var names = FileTreeReader.Names(etc);
        foreach (var name in names.Intersect(MountTargets))
        {
            if (FileSystemNodes.TryGetStatus(etc, name, out var status) && status is { Type: FileSystemNodeType.RegularFile, Size: 0 })
            {
                skip.Add("etc/" + name);
            }
        }

        if (names.All(n => skip.Contains("etc/" + n)) && FileTreeReader.GetXattr(upper, "etc", Whiteout.OpaqueXattr) is null)
        {
            skip.Add("etc");
        }

        return skip;
    }

    /// <summary>Stores the changes in <paramref name="upperDir"/> as a layer above <paramref name="parentChainId"/>, its tar kept in <paramref name="content"/>.</summary>
    public static async Task<LayerInfo> StoreAsync(string upperDir, Digest? parentChainId, LayerStore layers, LocalContentStore content, CancellationToken ct)
    {
        var pipe = new System.IO.Pipelines.Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = WriteAsync(upperDir, pipe.Writer, stop.Token);
        LayerInfo layer;
        try
        {
            layer = await layers.ApplyAsync(pipe.Reader.AsStream(leaveOpen: true), parentChainId, expectedDiffId: null, keepTarIn: content, ct).ConfigureAwait(false);
        }
        catch (Exception applying)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            try
            {
                await writing.ConfigureAwait(false);
            }
            catch (Exception writingError) when (writingError is not OperationCanceledException)
            {
                // Reading the upper dir failed: that is the cause; the layer reader only saw its stream break.
                ExceptionDispatchInfo.Throw(writingError);
            }
            catch (OperationCanceledException)
            {
            }

            ExceptionDispatchInfo.Throw(applying);
            throw;
        }

        await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        return layer;
    }

    private static async Task WriteAsync(string upperDir, PipeWriter writer, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            using var upper = FileSystemNodes.OpenDirectory(upperDir);
            var options = new TreeArchiveOptions(OverlayWhiteouts: true, Skip: RuntimeLeftovers(upper));
            await TreeTar.WriteAsync(writer.AsStream(leaveOpen: true), options, (archiver, c) => archiver.WriteChildrenAsync(upper, c), ct)
                .ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }
}
