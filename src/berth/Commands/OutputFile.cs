using Berth.Cli.Cli;

namespace Berth.Cli.Commands;

/// <summary>
/// The -o file of save and export, written as moby's atomicwriter writes it: checked first, filled
/// under a temporary name beside it, and renamed into place (mode 0600) only once complete.
/// </summary>
internal sealed class OutputFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    private OutputFile(string path, string temporary, FileStream stream)
    {
        _path = path;
        _temporary = temporary;
        Stream = stream;
    }

    public FileStream Stream { get; }

    /// <summary>Fails with atomicwriter's wording when the directory is missing or the path is not a regular file.</summary>
    public static OutputFile Create(string path)
    {
        Validate(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".tmp-{Path.GetFileName(full)}{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}");
        try
        {
            return new OutputFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write));
        }
        catch (Exception e) when (OsError.IsFileError(e))
        {
            throw new InvalidOperationException(OsError.Describe("open", temporary, e), e);
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await Stream.FlushAsync(ct).ConfigureAwait(false);
        Stream.Flush(flushToDisk: true);
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.SetUnixFileMode(_temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            File.Delete(_temporary);
        }
    }

    private static void Validate(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is { Length: > 0 } and not "." and not ".." && !Directory.Exists(directory))
        {
            var reason = File.Exists(directory) ? "not a directory" : "no such file or directory";
            throw new InvalidOperationException($"invalid output path: stat {directory}: {reason}");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw new InvalidOperationException("cannot write to a symbolic link directly");
        }

        if (Directory.Exists(path))
        {
            throw new InvalidOperationException("cannot write to a directory");
        }

        if (!info.Exists)
        {
            return;
        }

        var mode = info.UnixFileMode;
        if (mode.HasFlag(UnixFileMode.SetUser))
        {
            throw new InvalidOperationException("cannot write to a setuid file");
        }

        if (mode.HasFlag(UnixFileMode.SetGroup))
        {
            throw new InvalidOperationException("cannot write to a setgid file");
        }

        if (mode.HasFlag(UnixFileMode.StickyBit))
        {
            throw new InvalidOperationException("cannot write to a sticky bit file");
        }
    }
}
