using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Berth.Core.Ids;
using Berth.Images.Archive;
using Berth.Linux;

namespace Berth.Images;

/// <summary>
/// A container's changes as a layer (<c>docker commit</c>): its overlay upper directory is written as a layer tar,
/// whiteouts in their OCI form, and that tar is unpacked into the layer store and kept as its blob while it is
/// being written, through a pipe: one pass, no temporary file.
/// </summary>
public static class OverlayDiff
{
    /// <summary>Whether the container changed nothing (its upper directory is empty), so a commit adds no layer.</summary>
    public static bool IsEmpty(string upperDir)
    {
        if (!Directory.Exists(upperDir))
        {
            return true;
        }

        using var upper = FileSystemNodes.OpenDirectory(upperDir);
        return FileTreeReader.Names(upper).Count == 0;
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
            await TreeTar.WriteAsync(writer.AsStream(leaveOpen: true), new TreeArchiveOptions(OverlayWhiteouts: true), (archiver, c) => archiver.WriteChildrenAsync(upper, c), ct)
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
