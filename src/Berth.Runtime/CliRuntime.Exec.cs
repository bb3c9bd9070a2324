using System.Text.Json;
using Berth.Linux;
using Berth.Runtime.Cli;
using Berth.Runtime.Oci;
using Berth.Runtime.Security;
using Berth.Runtime.Spec;

namespace Berth.Runtime;

public sealed partial class CliRuntime
{
    /// <summary>
    /// <c>exec --process</c> in the foreground: the runtime's exit is the process's. <see cref="RunningProcess.Pid"/>
    /// is the runtime's PID. A process that cannot start completes with <see cref="ExitStatus.Error"/> set
    /// (Docker's wording) and exit code 126 or 127.
    /// </summary>
    public async Task<RunningProcess> ExecAsync(string containerId, ProcessSpec process, StdioSpec stdio, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var capabilities = process.Privileged ? Capabilities.Supported : _capabilities.GetValueOrDefault(containerId, Capabilities.Default);
        var oci = OciSpecBuilder.Process(process with { Terminal = stdio.Terminal }, capabilities);
        var dir = System.IO.Path.Combine(StateRoot, "exec");
        Directory.CreateDirectory(dir);
        var key = Guid.NewGuid().ToString("N");
        var processFile = System.IO.Path.Combine(dir, key + ".json");
        var log = System.IO.Path.Combine(dir, key + ".log");
        await File.WriteAllBytesAsync(processFile, JsonSerializer.SerializeToUtf8Bytes(oci, OciJsonContext.Default.OciProcess), ct).ConfigureAwait(false);

        using var console = stdio.Terminal ? new ConsoleSocket(StateRoot) : null;
        List<string> args = [.. GlobalOptions(log), "exec", "--process", processFile];
        if (console is not null)
        {
            args.AddRange(["--console-socket", console.Path]);
        }

        args.Add(containerId);
        using var io = new ProcessIo(stdio);
        var runtime = Spawner.Spawn(Path, args, RuntimeEnvironment.Variables, io.ChildStdin, io.ChildStdout, io.ChildStderr);
        io.CloseChildEnds();
        var exited = WatchExecAsync(runtime, log, processFile, process.Args[0]);
        ITerminal? terminal = null;
        if (console is not null)
        {
            var received = console.ReceiveAsync(CancellationToken.None);
            if (await Task.WhenAny(received, exited).ConfigureAwait(false) == received)
            {
                terminal = await received.ConfigureAwait(false);
            }
            else
            {
                // the runtime never connected; disposing the socket ends the accept
                _ = received.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }

        return io.Take(runtime.Pid, exited, terminal);
    }

    private static async Task<ExitStatus> WatchExecAsync(ChildProcess runtime, string log, string processFile, string command)
    {
        using (runtime)
        {
            var status = await runtime.WaitForExitAsync().ConfigureAwait(false);
            try
            {
                if (RuntimeErrors.LastError(log) is { } error)
                {
                    var message = RuntimeErrors.StartFailed(error, command, exec: true).Message;
                    return new ExitStatus(RuntimeErrors.ExitCodeFor(message), null, false, message);
                }

                return status.Signal is { } signal ? ExitStatus.FromSignal(signal) : ExitStatus.FromExitCode(status.ShellCode);
            }
            finally
            {
                File.Delete(log);
                File.Delete(processFile);
            }
        }
    }
}
