using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Runtime;

namespace Berth.Engine.Exec;

/// <summary>`docker exec`: further processes in a running container's namespaces.</summary>
public sealed class ExecService
{
    private readonly ContainerService _containers;
    private readonly RuntimeCatalog _runtimes;
    private readonly EnginePaths _paths;
    private readonly EventBus _events;
    private readonly ConcurrentDictionary<string, ExecInstance> _execs = new(StringComparer.Ordinal);

    public ExecService(ContainerService containers, RuntimeCatalog runtimes, EnginePaths paths, EventBus events)
    {
        _containers = containers;
        _runtimes = runtimes;
        _paths = paths;
        _events = events;
        containers.Removed += Forget;
    }

    public ExecInstance Create(string containerIdOrName, ExecSettings settings)
    {
        var container = _containers.Get(containerIdOrName);
        EnsureRunning(container);
        if (settings.Cmd.Count == 0)
        {
            throw Errors.InvalidArgument("No exec command specified");
        }

        var exec = new ExecInstance(ContainerId.New().Value, container.Id, settings);
        _execs[exec.Id] = exec;
        _events.Container("exec_create: " + string.Join(' ', settings.Cmd), container.Id, new Dictionary<string, string>
        {
            ["execID"] = exec.Id,
            ["name"] = container.Name,
            ["image"] = container.Config.Image,
        });
        return exec;
    }

    public ExecInstance Get(string id) => _execs.GetValueOrDefault(id) ?? throw Errors.NoSuchExec(id);

    public IEnumerable<string> IdsOf(string containerId) => _execs.Values.Where(e => e.ContainerId == containerId).Select(e => e.Id);

    /// <summary>
    /// Starts the exec. The returned task completes once the process has exited and its exit code is
    /// recorded (so GET /exec/{id}/json right after the stream ends sees it). Detached execs have their
    /// output drained and discarded.
    /// </summary>
    public async Task<(RunningProcess Process, Task<int> Completion)> StartAsync(string id, bool detach, CancellationToken ct)
    {
        var exec = Get(id);
        lock (exec)
        {
            if (exec.Started)
            {
                throw Errors.Conflict($"Error: Exec command {id} has already run");
            }

            exec.Started = true;
        }

        var container = _containers.Get(exec.ContainerId);
        EnsureRunning(container);
        var settings = exec.Settings;
        var rootfs = _paths.ContainerRootfs(container.Id);
        var user = UserLookup.Resolve(rootfs, settings.User.Length > 0 ? settings.User : container.Config.User);
        var process = new ProcessSpec
        {
            Args = settings.Cmd,
            Env = ProcessEnvironment.Build(container.Config.Hostname, settings.Tty, [], container.Config.Env.Concat(settings.Env)),
            Cwd = settings.WorkingDir.Length > 0 ? settings.WorkingDir : container.Config.WorkingDir.Length > 0 ? container.Config.WorkingDir : "/",
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids,
            Terminal = settings.Tty,
            ConsoleRows = (ushort)(settings.ConsoleSize.Count == 2 ? settings.ConsoleSize[0] : 0),
            ConsoleColumns = (ushort)(settings.ConsoleSize.Count == 2 ? settings.ConsoleSize[1] : 0),
            Privileged = settings.Privileged,
        };

        RunningProcess running;
        try
        {
            running = await _runtimes.Get(container.Runtime)
                .ExecAsync(container.Id, process, new StdioSpec { Terminal = settings.Tty, OpenStdin = settings.AttachStdin }, ct)
                .ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            exec.ExitCode = e.Message.Contains("executable file not found", StringComparison.Ordinal) || e.Message.Contains("no such file or directory", StringComparison.Ordinal) ? 127 : 126;
            throw;
        }

        exec.Process = running;
        exec.Pid = running.Pid;
        exec.Running = true;
        _events.Container("exec_start: " + string.Join(' ', settings.Cmd), container.Id, new Dictionary<string, string> { ["execID"] = exec.Id });
        if (detach)
        {
            _ = DrainAsync(running);
        }

        return (running, CompleteAsync(exec, running));
    }

    private async Task<int> CompleteAsync(ExecInstance exec, RunningProcess process)
    {
        var status = await process.Exited.ConfigureAwait(false);
        exec.ExitCode = status.ExitCode;
        exec.Running = false;
        exec.Process = null;
        _events.Container("exec_die", exec.ContainerId, new Dictionary<string, string>
        {
            ["execID"] = exec.Id,
            ["exitCode"] = status.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return status.ExitCode;
    }

    private static async Task DrainAsync(RunningProcess process)
    {
        var streams = new[] { process.Stdout, process.Stderr, process.Terminal?.Stream }.OfType<Stream>();
        await Task.WhenAll(streams.Select(s => s.CopyToAsync(Stream.Null))).ConfigureAwait(false);
        await process.Exited.ConfigureAwait(false);
        await process.DisposeAsync().ConfigureAwait(false);
    }

    public void Resize(string id, ushort rows, ushort columns)
    {
        var exec = Get(id);
        (exec.Process ?? throw Errors.Conflict($"Exec {id} is not running")).Terminal?.Resize(rows, columns);
    }

    /// <summary>Forgets one exec (the daemon's own, such as a health probe, once it has run).</summary>
    public void Discard(string id) => _execs.TryRemove(id, out _);

    /// <summary>Forgets the execs of a removed container.</summary>
    public void Forget(string containerId)
    {
        foreach (var id in IdsOf(containerId).ToList())
        {
            _execs.TryRemove(id, out _);
        }
    }

    private static void EnsureRunning(ContainerRecord container)
    {
        if (container.State.Status == ContainerStatus.Paused)
        {
            throw Errors.ContainerPaused(container.Id);
        }

        if (!container.State.Status.IsRunning())
        {
            throw Errors.ContainerNotRunning(container.Id);
        }
    }
}
