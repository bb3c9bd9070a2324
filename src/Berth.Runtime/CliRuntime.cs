using System.Collections.Concurrent;
using System.Globalization;
using Berth.Linux;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cli;
using Berth.Runtime.Oci;
using Berth.Runtime.Spec;

namespace Berth.Runtime;

/// <summary>
/// crun or runc through their shared command line. A container starts with one <c>run --detach</c>:
/// the runtime exits once the container's init runs, and the init, reparented to the daemon (a child
/// subreaper), is reaped through its pidfd. Execs are started the same way (see <see cref="ExecAsync"/>).
/// Each runtime keeps its state under its own --root.
/// </summary>
public sealed partial class CliRuntime : IOciRuntime
{
    private const string InitPidFile = "init.pid";
    private const string RunLogFile = "runtime.log";
    private readonly string _cgroupParent;
    private readonly SeccompFilterCache? _seccompFilters;

    /// <summary>What each running container was granted, so an exec gets the same (Docker's exec does).</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _capabilities = new(StringComparer.Ordinal);

    public CliRuntime(RuntimeFlavor flavor, string path, string stateRoot, string cgroupParent = "berth")
    {
        Flavor = flavor;
        Path = path;
        StateRoot = stateRoot;
        _cgroupParent = cgroupParent;
        _seccompFilters = flavor == RuntimeFlavor.Crun ? new SeccompFilterCache() : null;
        Directory.CreateDirectory(stateRoot);
    }

    public RuntimeFlavor Flavor { get; }

    public string Name => Flavor == RuntimeFlavor.Crun ? "crun" : "runc";

    public string Path { get; }

    /// <summary>The runtime's --root: its state of every container it runs for us.</summary>
    public string StateRoot { get; }

    public async Task<RunningProcess> RunAsync(ContainerSpec spec, StdioSpec stdio, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await AwaitReleaseAsync(spec.Id).ConfigureAwait(false);
        if (Directory.Exists(StateDir(spec.Id)))
        {
            // left by a crash; the runtime refuses an ID it still knows
            await DeleteAsync(spec.Id, force: true, ct).ConfigureAwait(false);
        }

        var config = OciSpecBuilder.Build(spec, _cgroupParent);
        var unknownFilter = _seccompFilters?.Apply(config);
        BundleWriter.Write(spec.BundleDir, config);
        var log = System.IO.Path.Combine(spec.BundleDir, RunLogFile);
        var pidFile = System.IO.Path.Combine(spec.BundleDir, InitPidFile);
        File.Delete(log);
        File.Delete(pidFile);

        using var console = stdio.Terminal ? new ConsoleSocket(StateRoot) : null;
        List<string> args = [.. GlobalOptions(log), "run", "--detach", "--bundle", spec.BundleDir, "--pid-file", pidFile];
        if (console is not null)
        {
            args.AddRange(["--console-socket", console.Path]);
        }

        args.Add(spec.Id);
        using var io = new ProcessIo(stdio);
        var (init, error) = await StartDetachedAsync(args, io, log, pidFile).ConfigureAwait(false);
        if (init is null)
        {
            await DeleteAsync(spec.Id, force: true, CancellationToken.None).ConfigureAwait(false);
            throw RuntimeErrors.StartFailed(error!, spec.Process.Args[0], exec: false);
        }

        if (unknownFilter is not null)
        {
            _seccompFilters!.Learn(unknownFilter, StateDir(spec.Id));
        }

        ITerminal? terminal = null;
        if (console is not null)
        {
            try
            {
                terminal = await console.ReceiveAsync().ConfigureAwait(false)
                    ?? throw Core.Errors.Errors.Internal($"{Name} started the container without sending its terminal");
            }
            catch
            {
                await AbortAsync(init, spec.Id).ConfigureAwait(false);
                throw;
            }
        }

        _capabilities[spec.Id] = config.Process.Capabilities?.Bounding ?? [];
        return io.Take(init.Pid, WatchInitAsync(init, config.Linux.CgroupsPath!), terminal);
    }

    /// <summary>
    /// Runs the runtime with --detach until it exits, then adopts the process it started (named in the pid
    /// file), or returns the runtime's error. The process becomes our child when the runtime and its helpers
    /// are gone, before we know its PID, so strays are not reaped until it is watched.
    /// </summary>
    private async Task<(ChildProcess? Process, string? Error)> StartDetachedAsync(List<string> args, ProcessIo io, string log, string pidFile)
    {
        using (StrayReaper.Hold())
        {
            WaitStatus status;
            using (var runtime = Spawner.Spawn(Path, args, RuntimeEnvironment.Variables, io.ChildStdin, io.ChildStdout, io.ChildStderr))
            {
                io.CloseChildEnds();
                status = await runtime.WaitForExitAsync().ConfigureAwait(false);
            }

            if (status.ExitCode != 0 || !TryReadPid(pidFile, out var pid))
            {
                return (null, RuntimeErrors.LastError(log) ?? $"{Name} exited with status {status.ShellCode}");
            }

            return (ChildProcess.Adopt(pid), null);
        }
    }

    /// <summary>Completes with the init's exit, and whether the OOM killer struck in its cgroup (read before the cgroup goes).</summary>
    private static async Task<ExitStatus> WatchInitAsync(ChildProcess init, string cgroupsPath)
    {
        using (init)
        {
            var status = await init.WaitForExitAsync().ConfigureAwait(false);
            return ToExitStatus(status) with { OomKilled = OomKills.Count(cgroupsPath) > 0 };
        }
    }

    private async Task AbortAsync(ChildProcess init, string id)
    {
        using (init)
        {
            PidFd.SendSignal(init.PidFd, 9);
            await init.WaitForExitAsync().ConfigureAwait(false);
        }

        await DeleteAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
    }

    private string[] GlobalOptions(string log) => ["--root", StateRoot, "--log", log, "--log-format", "json"];

    private string StateDir(string id) => System.IO.Path.Combine(StateRoot, id);

    private static bool TryReadPid(string pidFile, out int pid)
    {
        pid = 0;
        return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }
}
