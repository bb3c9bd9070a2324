using System.Runtime.InteropServices;
using Berth.Cli.Interop;

namespace Berth.Cli.Streams;

/// <summary>
/// docker's MonitorTtySize: send our terminal's size once (retrying briefly, as the TTY may not be
/// ready yet), then again on every SIGWINCH.
/// </summary>
internal sealed class TtyResizer : IDisposable
{
    private readonly Func<uint, uint, CancellationToken, Task> _resize;
    private readonly TextWriter _error;
    private PosixSignalRegistration? _registration;

    private TtyResizer(Func<uint, uint, CancellationToken, Task> resize, TextWriter error)
    {
        _resize = resize;
        _error = error;
    }

    public static TtyResizer Start(Func<uint, uint, CancellationToken, Task> resize, TextWriter error)
    {
        var resizer = new TtyResizer(resize, error);
        _ = resizer.InitialAsync();
        resizer._registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => { _ = resizer.ResizeAsync(); });
        return resizer;
    }

    public void Dispose() => _registration?.Dispose();

    private async Task InitialAsync()
    {
        if (await ResizeAsync().ConfigureAwait(false))
        {
            return;
        }

        for (var retry = 0; retry < 10; retry++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds((retry + 1) * 10)).ConfigureAwait(false);
            if (await ResizeAsync().ConfigureAwait(false))
            {
                return;
            }
        }

        await _error.WriteLineAsync("failed to resize tty, using default size").ConfigureAwait(false);
    }

    private async Task<bool> ResizeAsync()
    {
        if (TerminalIo.GetSize(TerminalIo.StdOut) is not { } size || (size.Rows == 0 && size.Columns == 0))
        {
            return true;
        }

        try
        {
            await _resize(size.Rows, size.Columns, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is Client.DaemonException or Client.DaemonUnreachableException)
        {
            return false;
        }
    }
}
