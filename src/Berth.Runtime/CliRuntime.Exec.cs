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
    /// <c>exec --process --detach</c>: the runtime exits once the process runs, and the process, reparented
    /// to us, is adopted as a container's init is, so <see cref="RunningProcess.Pid"/> is its own. Detached
    /// rather than in the foreground because runc takes a console socket only then, and because a process
    /// that cannot start is then known before any output is handed over: the runtime's complaint never
    /// reaches the process's stderr, and a BerthException in Docker's words ("OCI runtime exec failed: ...
    /// executable file not found in $PATH") is thrown instead. Like Docker's, an exec has the container's
    /// capabilities (all of them with <see cref="ProcessSpec.Privileged"/>).
    /// </summary>
    public async Task<RunningProcess> ExecAsync(string containerId, ProcessSpec process, StdioSpec stdio, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var capabilities = process.Privileged ? Capabilities.Supported : _capabilities.GetValueOrDefault(containerId, Capabilities.Default);
        var oci = OciSpecBuilder.Process(process with { Terminal = stdio.Terminal }, capabilities);
        var dir = System.IO.Path.Combine(StateRoot, "exec");
        Directory.CreateDirectory(dir);
        var files = System.IO.Path.Combine(dir, Guid.NewGuid().ToString("N"));
        var (processFile, log, pidFile) = (files + ".json", files + ".log", files + ".pid");
        try
        {
            await File.WriteAllBytesAsync(processFile, JsonSerializer.SerializeToUtf8Bytes(oci, OciJsonContext.Default.OciProcess), ct).ConfigureAwait(false);
            using var console = stdio.Terminal ? new ConsoleSocket(StateRoot) : null;
            List<string> args = [.. GlobalOptions(log), "exec", "--process", processFile, "--detach", "--pid-file", pidFile];
            if (console is not null)
            {
                args.AddRange(["--console-socket", console.Path]);
            }

            args.Add(containerId);
            using var io = new ProcessIo(stdio);
            var (started, error) = await StartDetachedAsync(args, io, log, pidFile).ConfigureAwait(false);
            if (started is null)
            {
                throw RuntimeErrors.StartFailed(error!, process.Args[0], exec: true);
            }

            var terminal = console is null ? null : await console.ReceiveAsync().ConfigureAwait(false);
            return io.Take(started.Pid, WatchExecAsync(started), terminal);
        }
        finally
        {
            File.Delete(processFile);
            File.Delete(log);
            File.Delete(pidFile);
        }
    }

    private static async Task<ExitStatus> WatchExecAsync(ChildProcess process)
    {
        using (process)
        {
            return ToExitStatus(await process.WaitForExitAsync().ConfigureAwait(false));
        }
    }

    private static ExitStatus ToExitStatus(WaitStatus status) =>
        status.Signal is { } signal ? ExitStatus.FromSignal(signal) : ExitStatus.FromExitCode(status.ShellCode);
}
