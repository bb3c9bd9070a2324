namespace Berth.Runtime;

/// <summary>
/// A process the runtime started: the container's init or an exec. Its streams are the parent's
/// ends of pipes (or the pty master); <see cref="Exited"/> completes when the process has exited
/// and been reaped, learnt through a pidfd.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    public RunningProcess(int pid, Task<ExitStatus> exited, Stream? stdin, Stream? stdout, Stream? stderr, ITerminal? terminal)
    {
        Pid = pid;
        Exited = exited;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        Terminal = terminal;
    }

    /// <summary>Host PID of the process (the container's init for a container).</summary>
    public int Pid { get; }

    public Task<ExitStatus> Exited { get; }

    /// <summary>Write end of the process's stdin, when opened; dispose to send EOF.</summary>
    public Stream? Stdin { get; }

    /// <summary>Read end of stdout (null with a terminal: all output comes through the terminal).</summary>
    public Stream? Stdout { get; }

    public Stream? Stderr { get; }

    public ITerminal? Terminal { get; }

    public async ValueTask DisposeAsync()
    {
        if (Stdin is not null)
        {
            await Stdin.DisposeAsync().ConfigureAwait(false);
        }

        if (Stdout is not null)
        {
            await Stdout.DisposeAsync().ConfigureAwait(false);
        }

        if (Stderr is not null)
        {
            await Stderr.DisposeAsync().ConfigureAwait(false);
        }

        if (Terminal is not null)
        {
            await Terminal.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// How a process ended: its exit code, or 128+signal when killed, as a shell reports it; and whether the
/// OOM killer struck in the container's cgroup while it ran. (A process that cannot start at all is a
/// BerthException from RunAsync/ExecAsync, never an ExitStatus.)
/// </summary>
public sealed record ExitStatus(int ExitCode, int? Signal, bool OomKilled)
{
    public static ExitStatus FromExitCode(int code) => new(code, null, false);

    public static ExitStatus FromSignal(int signal, bool oomKilled = false) => new(128 + signal, signal, oomKilled);
}

/// <summary>A pseudo-terminal master: one stream both ways, and resizing.</summary>
public interface ITerminal : IAsyncDisposable
{
    Stream Stream { get; }

    void Resize(ushort rows, ushort columns);
}
