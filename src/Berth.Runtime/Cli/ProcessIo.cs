using Berth.Linux;

namespace Berth.Runtime.Cli;

/// <summary>
/// The stdio of a runtime invocation: pipes whose child ends the container's process inherits (detached
/// pass-through), or /dev/null everywhere when a terminal carries the I/O instead.
/// </summary>
internal sealed class ProcessIo : IDisposable
{
    private SafeFdHandle? _stdinWrite;
    private SafeFdHandle? _stdoutRead;
    private SafeFdHandle? _stderrRead;

    public ProcessIo(StdioSpec stdio)
    {
        if (stdio.Terminal)
        {
            ChildStdin = Descriptors.OpenDevNull(write: false);
            ChildStdout = Descriptors.OpenDevNull(write: true);
            ChildStderr = Descriptors.OpenDevNull(write: true);
            return;
        }

        if (stdio.OpenStdin)
        {
            (ChildStdin, _stdinWrite) = Pipe.Create();
        }
        else
        {
            ChildStdin = Descriptors.OpenDevNull(write: false);
        }

        (_stdoutRead, ChildStdout) = Pipe.Create();
        (_stderrRead, ChildStderr) = Pipe.Create();
    }

    public SafeFdHandle ChildStdin { get; }

    public SafeFdHandle ChildStdout { get; }

    public SafeFdHandle ChildStderr { get; }

    /// <summary>After spawning: only the child keeps its ends, so our reads see end-of-file when it is done.</summary>
    public void CloseChildEnds()
    {
        ChildStdin.Dispose();
        ChildStdout.Dispose();
        ChildStderr.Dispose();
    }

    /// <summary>Hands the parent's ends over to a <see cref="RunningProcess"/>.</summary>
    public RunningProcess Take(int pid, Task<ExitStatus> exited, ITerminal? terminal)
    {
        var process = new RunningProcess(
            pid,
            exited,
            _stdinWrite is null ? null : new PollableStream(null, _stdinWrite),
            _stdoutRead is null ? null : new PollableStream(_stdoutRead, null),
            _stderrRead is null ? null : new PollableStream(_stderrRead, null),
            terminal);
        _stdinWrite = _stdoutRead = _stderrRead = null;
        return process;
    }

    public void Dispose()
    {
        CloseChildEnds();
        _stdinWrite?.Dispose();
        _stdoutRead?.Dispose();
        _stderrRead?.Dispose();
    }
}
