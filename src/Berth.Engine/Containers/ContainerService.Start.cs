using Berth.Core;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Ids;
using Berth.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker start`: 304 when already running; a start that fails leaves the container as it was, with its error.</summary>
    public async Task StartAsync(string idOrName, CancellationToken ct)
    {
        var id = Get(idOrName).Id;
        var live = Live(id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var record = _store.ById(id) ?? throw Errors.NoSuchContainer(idOrName);
            switch (record.State.Status)
            {
                case ContainerStatus.Paused:
                    throw Errors.Conflict("cannot start a paused container, try unpause instead");
                case ContainerStatus.Removing:
                    throw Errors.Conflict($"container is marked for removal and cannot be started");
                case var s when s.IsRunning():
                    throw Errors.AlreadyStarted();
            }

            record = await ResetRestartsAsync(record, live).ConfigureAwait(false);
            await StartLockedAsync(record, live, ct).ConfigureAwait(false);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    /// <summary>A start by the user: the restart policy counts again from zero and unless-stopped applies again.</summary>
    private async Task<ContainerRecord> ResetRestartsAsync(ContainerRecord record, LiveContainer live)
    {
        live.RestartDelay = TimeSpan.Zero;
        return await MutateAsync(record.Id, r => r with { ManuallyStopped = false, RestartCount = 0 }).ConfigureAwait(false);
    }

    private async Task StartLockedAsync(ContainerRecord record, LiveContainer live, CancellationToken ct)
    {
        var runtime = _runtimes.Get(record.Runtime);
        var dir = _paths.ContainerDir(record.Id);
        var rootfs = _paths.ContainerRootfs(record.Id);
        RunningProcess process;
        Networks.NetworkSetup network;
        await using (var undo = new UndoScope())
        {
            try
            {
                // the network (a namespace, a veth pair: kernel work that waits) is made while the rootfs is mounted
                var id = record.Id;
                var attaching = Task.Run(() => _networks.AttachAsync(record, ct), CancellationToken.None);
                undo.Push(async () =>
                {
                    await ((Task)attaching).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    await _networks.DetachAsync(id).ConfigureAwait(false);
                });

                var layerDirs = record.ImageChainIds.Select(c => _images.Layers.DiffDir(Digest.Parse(c))).ToList();
                RootfsMount.Mount(_snapshots.Prepare(record.Id, layerDirs, rootfs, disposable: record.Host.AutoRemove));
                undo.Push(() => RootfsMount.Unmount(rootfs));

                PrepareVolumes(record, rootfs);
                var user = UserLookup.Resolve(rootfs, record.Config.User);
                network = await attaching.ConfigureAwait(false);
                ContainerFiles.Write(dir, record.Config.Hostname, network.HostsFile, network.ResolvConf);
                var spec = RuntimeSpecBuilder.Build(record, dir, rootfs, user, MountsFor(record, dir), network);

                live.Log.BeginRun();
                undo.Push(live.Log.EndRun);
                live.StopRequested = false;
                process = await runtime.RunAsync(spec, new StdioSpec { Terminal = record.Config.Tty, OpenStdin = record.Config.OpenStdin }, ct)
                    .ConfigureAwait(false);
                undo.Complete();
            }
            catch (BerthException e)
            {
                await RecordStartFailureAsync(record, e).ConfigureAwait(false);
                throw StartError(e);
            }
        }

        live.Process = process;
        live.ManualRestart = false;
        live.Streams.SetStdin(process.Stdin ?? process.Terminal?.Stream);
        var started = await MutateAsync(record.Id, r => r with
        {
            Networks = r.Networks.ToDictionary(n => n.Key, n => network.Endpoints.TryGetValue(n.Key, out var attached) ? attached : n.Value),
            Ports = network.Ports,
            State = r.State with
            {
                Status = ContainerStatus.Running,
                Pid = process.Pid,
                ExitCode = 0,
                Error = "",
                OomKilled = false,
                StartedAt = DateTime.UtcNow,
                Health = Health.HealthSchedule.For(r.Config.Healthcheck) is null ? null : new Health.HealthState(),
            },
        }).ConfigureAwait(false);
        Emit("start", started);
        live.RunFinished = MonitorAsync(started.Id, live, process);
    }

    /// <summary>The etc files, the user's binds and tmpfs mounts, in the order the runtime applies them.</summary>
    private static List<MountSpec> MountsFor(ContainerRecord record, string dir)
    {
        var readOnlyEtc = record.Host.ReadonlyRootfs;
        var mounts = new List<MountSpec>
        {
            MountSpec.Bind(ContainerFiles.ResolvConfPath(dir), "/etc/resolv.conf", readOnlyEtc),
            MountSpec.Bind(ContainerFiles.HostnamePath(dir), "/etc/hostname", readOnlyEtc),
            MountSpec.Bind(ContainerFiles.HostsPath(dir), "/etc/hosts", readOnlyEtc),
        };

        foreach (var point in record.MountPoints)
        {
            switch (point.Type)
            {
                case "bind":
                    if (!Path.Exists(point.Source))
                    {
                        Directory.CreateDirectory(point.Source);
                    }

                    mounts.RemoveAll(m => m.Target == point.Destination);
                    mounts.Add(MountSpec.Bind(point.Source, point.Destination, !point.ReadWrite, point.Propagation.Length > 0 ? point.Propagation : "rprivate"));
                    break;
                case "volume":
                    mounts.RemoveAll(m => m.Target == point.Destination);
                    mounts.Add(MountSpec.Bind(point.Source, point.Destination, !point.ReadWrite));
                    break;
                case "tmpfs":
                    mounts.Add(new MountSpec("tmpfs", "tmpfs", point.Destination, point.ReadWrite ? ["nosuid", "nodev", "noexec"] : ["nosuid", "nodev", "noexec", "ro"]));
                    break;
            }
        }

        foreach (var (target, options) in record.Host.Tmpfs)
        {
            var list = new List<string> { "nosuid", "nodev", "noexec" };
            list.AddRange(options.Split(',', StringSplitOptions.RemoveEmptyEntries));
            mounts.Add(new MountSpec("tmpfs", "tmpfs", target, list));
        }

        return mounts;
    }

    /// <summary>Mounts volumes that have driver options and fills empty volumes from the image (copy-up).</summary>
    private void PrepareVolumes(ContainerRecord record, string rootfs)
    {
        foreach (var point in record.MountPoints.Where(m => m.Type == "volume" && m.Name is not null))
        {
            var volume = _volumes.TryGet(point.Name!);
            if (volume is null)
            {
                throw Errors.NotFound($"error while mounting volume '{point.Source}': volume {point.Name} not found");
            }

            _volumes.Driver.EnsureMounted(volume.Name, volume.Options);
            if (point.CopyData)
            {
                Berth.Volumes.VolumeCopyUp.Copy(Path.Combine(rootfs, point.Destination.TrimStart('/')), point.Source);
            }
        }
    }

    /// <summary>moby's translateContainerdStartErr: a missing or unexecutable command is the user's mistake (400) and sets 127/126.</summary>
    private static int StartFailureExitCode(string message) =>
        message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ? 127
        : message.Contains("permission denied", StringComparison.Ordinal) ? 126
        : 128;

    private static BerthException StartError(BerthException e) =>
        StartFailureExitCode(e.Message) is 127 or 126 && e.Kind == ErrorKind.Internal
            ? new BerthException(ErrorKind.InvalidArgument, e.Message, e)
            : e;

    private async Task RecordStartFailureAsync(ContainerRecord record, BerthException e)
    {
        var failed = await MutateAsync(record.Id, r => r with
        {
            State = r.State with { Error = e.Message, ExitCode = StartFailureExitCode(e.Message) },
        }).ConfigureAwait(false);
        Emit("die", failed, ("exitCode", failed.State.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (record.Host.AutoRemove)
        {
            _ = RemoveAfterExitAsync(record.Id);
        }
    }
}
