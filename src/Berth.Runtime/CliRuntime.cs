using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Runtime.Oci;
using Berth.Runtime.Security;

namespace Berth.Runtime;

/// <summary>
/// crun or runc through their command line. A container is created, then started (the runtime exits
/// once its init is ready; the daemon, a child subreaper, adopts the init and reaps it through a pidfd); execs run
/// in the foreground, so the runtime's exit status is the process's.
/// </summary>
public sealed class CliRuntime : IOciRuntime
{
    private readonly string _stateRoot;
    private readonly string _cgroupParent;
    private readonly RuntimeFlavor _flavor;

    public CliRuntime(RuntimeFlavor flavor, string path, string stateRoot, string cgroupParent)
    {
        _flavor = flavor;
        Path = path;
        _stateRoot = stateRoot;
        _cgroupParent = cgroupParent;
        Directory.CreateDirectory(stateRoot);
    }

    public string Name => _flavor == RuntimeFlavor.Crun ? "crun" : "runc";

    public string Path { get; }

    public async Task<RunningProcess> RunAsync(ContainerSpec spec, StdioSpec stdio, CancellationToken ct)
    {
        if (Directory.Exists(System.IO.Path.Combine(_stateRoot, spec.Id)))
        {
            await DeleteAsync(spec.Id, force: true, ct).ConfigureAwait(false);
        }

        var config = OciSpecBuilder.Build(spec, _cgroupParent);
        WriteAtomically(System.IO.Path.Combine(spec.BundleDir, "config.json"), JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.OciSpec));
        var log = System.IO.Path.Combine(spec.BundleDir, "runtime.log");
        var pidFile = System.IO.Path.Combine(spec.BundleDir, "init.pid");
        File.Delete(log);
        File.Delete(pidFile);

        // create, then start: the init waits for start, so it cannot exit (and be reaped by the runtime
        // itself) before it has become our child; a one-step "run --detach" loses fast exits that way.
        var args = new List<string> { "--root", _stateRoot, "--log", log, "--log-format", "json", "create", "--bundle", spec.BundleDir, "--pid-file", pidFile };
        using var console = stdio.Terminal ? new ConsoleSocket() : null;
        if (console is not null)
        {
            args.AddRange(["--console-socket", console.Path]);
        }

        args.Add(spec.Id);
        using var io = new ProcessIo(stdio);
        var runtime = Spawner.Spawn(Path, args, Spawner.CurrentEnvironment(), io.ChildStdin, io.ChildStdout, io.ChildStderr);
        io.CloseChildEnds();
        var terminal = console?.ReceiveAsync(ct);
        var status = await runtime.WaitForExitAsync().ConfigureAwait(false);
        runtime.Dispose();
        if (status.ExitCode != 0 || !File.Exists(pidFile))
        {
            io.Dispose();
            var message = RuntimeErrors.LastError(log, $"{Name} exited with status {status.ShellCode}");
            await DeleteAsync(spec.Id, force: true, CancellationToken.None).ConfigureAwait(false);
            throw RuntimeErrors.StartFailed(message, exec: false);
        }

        var init = ChildProcess.Adopt(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
        try
        {
            await InvokeAsync(["start", spec.Id], ct).ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            init.Dispose();
            io.Dispose();
            await DeleteAsync(spec.Id, force: true, CancellationToken.None).ConfigureAwait(false);
            throw RuntimeErrors.StartFailed(e.Message, exec: false);
        }

        var exited = WatchInitAsync(init, spec.Id);
        return io.Take(init.Pid, exited, terminal is null ? null : await terminal.ConfigureAwait(false));
    }

    private async Task<ExitStatus> WatchInitAsync(ChildProcess init, string id)
    {
        using (init)
        {
            var status = await init.WaitForExitAsync().ConfigureAwait(false);

            // the OOM killer may have killed any process of the container, not only its init
            var oomKilled = OomKills.Count(_cgroupParent, id) > 0;
            return status.Signal is { } signal
                ? ExitStatus.FromSignal(signal, oomKilled)
                : new ExitStatus(status.ExitCode ?? 255, null, oomKilled);
        }
    }

    public async Task<RunningProcess> ExecAsync(string containerId, ProcessSpec process, StdioSpec stdio, CancellationToken ct)
    {
        var dir = System.IO.Path.Combine(_stateRoot, "exec");
        Directory.CreateDirectory(dir);
        var key = Guid.NewGuid().ToString("N");
        var processFile = System.IO.Path.Combine(dir, key + ".json");
        var log = System.IO.Path.Combine(dir, key + ".log");
        var capabilities = Capabilities.Resolve([], [], process.Privileged);
        var oci = OciSpecBuilder.Process(process, process.Privileged ? capabilities : Capabilities.Default);
        await File.WriteAllBytesAsync(processFile, JsonSerializer.SerializeToUtf8Bytes(oci, OciJsonContext.Default.OciProcess), ct).ConfigureAwait(false);

        var args = new List<string> { "--root", _stateRoot, "--log", log, "--log-format", "json", "exec", "--process", processFile };
        using var console = stdio.Terminal ? new ConsoleSocket() : null;
        if (console is not null)
        {
            args.AddRange(["--tty", "--console-socket", console.Path]);
        }

        args.Add(containerId);
        using var io = new ProcessIo(stdio);
        var runtime = Spawner.Spawn(Path, args, Spawner.CurrentEnvironment(), io.ChildStdin, io.ChildStdout, io.ChildStderr);
        io.CloseChildEnds();
        var exited = WatchExecAsync(runtime, log, processFile);
        ITerminal? terminal = null;
        if (console is not null)
        {
            var received = console.ReceiveAsync(ct);
            if (await Task.WhenAny(received, exited).ConfigureAwait(false) == received)
            {
                terminal = await received.ConfigureAwait(false);
            }
        }

        return io.Take(runtime.Pid, exited, terminal);
    }

    private static async Task<ExitStatus> WatchExecAsync(ChildProcess runtime, string log, string processFile)
    {
        using (runtime)
        {
            var status = await runtime.WaitForExitAsync().ConfigureAwait(false);
            try
            {
                var error = RuntimeErrors.LastError(log, "");
                if (error.Length > 0)
                {
                    var message = RuntimeErrors.StartFailed(error, exec: true).Message;
                    return new ExitStatus(RuntimeErrors.ExitCodeFor(message), null, false, message);
                }

                return status.Signal is { } signal ? ExitStatus.FromSignal(signal) : ExitStatus.FromExitCode(status.ExitCode ?? 255);
            }
            finally
            {
                File.Delete(log);
                File.Delete(processFile);
            }
        }
    }

    public Task KillAsync(string containerId, int signal, bool all, CancellationToken ct) =>
        InvokeAsync(all ? ["kill", "--all", containerId, signal.ToString(CultureInfo.InvariantCulture)] : ["kill", containerId, signal.ToString(CultureInfo.InvariantCulture)], ct);

    public Task PauseAsync(string containerId, CancellationToken ct) => InvokeAsync(["pause", containerId], ct);

    public Task ResumeAsync(string containerId, CancellationToken ct) => InvokeAsync(["resume", containerId], ct);

    public async Task DeleteAsync(string containerId, bool force, CancellationToken ct)
    {
        if (!Directory.Exists(System.IO.Path.Combine(_stateRoot, containerId)))
        {
            return;
        }

        await InvokeAsync(force ? ["delete", "--force", containerId] : ["delete", containerId], ct).ConfigureAwait(false);
    }

    /// <summary>Runs one short runtime command; its stderr becomes the error message on failure.</summary>
    private async Task InvokeAsync(string[] command, CancellationToken ct)
    {
        var (errRead, errWrite) = Descriptors.Pipe();
        using var devNull = Descriptors.OpenDevNull(write: false);
        using var devNullOut = Descriptors.OpenDevNull(write: true);
        ChildProcess child;
        using (errWrite)
        {
            child = Spawner.Spawn(Path, ["--root", _stateRoot, .. command], Spawner.CurrentEnvironment(), devNull, devNullOut, errWrite);
        }

        using (child)
        await using (var stderr = new PollableStream(errRead, null))
        {
            using var reader = new StreamReader(stderr, Encoding.UTF8);
            var message = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            var status = await child.WaitForExitAsync().ConfigureAwait(false);
            if (status.ExitCode != 0)
            {
                throw RuntimeErrors.CommandFailed(Name, command[0], message.Length > 0 ? message : $"exit status {status.ShellCode}");
            }
        }
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
