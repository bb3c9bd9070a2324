using Berth.Api.Contracts;
using Berth.Api.Contracts.Containers;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Health;
using ContainerState = Berth.Api.Contracts.Containers.ContainerState;

namespace Berth.Api.Mapping;

/// <summary>Engine container records → the shapes of inspect and ps.</summary>
public static class ContainerViews
{
    public static ContainerInspectResponse Inspect(ContainerRecord c, EnginePaths paths, IEnumerable<string> execIds, long? sizeRw, long? sizeRootFs)
    {
        var networks = Networks(c);
        var bridge = networks.GetValueOrDefault("bridge");
        var dir = paths.ContainerDir(c.Id);
        return new ContainerInspectResponse
        {
            Id = c.Id,
            Created = Units.Rfc3339Nano(c.Created),
            Path = c.Path,
            Args = c.Args.ToList(),
            State = State(c),
            Image = c.ImageId,
            ResolvConfPath = ContainerFiles.ResolvConfPath(dir),
            HostnamePath = ContainerFiles.HostnamePath(dir),
            HostsPath = ContainerFiles.HostsPath(dir),
            LogPath = paths.ContainerLog(c.Id),
            Name = "/" + c.Name,
            RestartCount = c.RestartCount,
            Driver = "overlay2",
            Platform = "linux",
            ExecIDs = execIds.ToList() is { Count: > 0 } ids ? ids : null,
            HostConfig = HostConfig(c),
            GraphDriver = new GraphDriverData
            {
                Name = "overlay2",
                Data = new Dictionary<string, string>
                {
                    ["MergedDir"] = paths.ContainerRootfs(c.Id),
                    ["UpperDir"] = Path.Combine(paths.Snapshots, c.Id, "upper"),
                    ["WorkDir"] = Path.Combine(paths.Snapshots, c.Id, "work"),
                },
            },
            SizeRw = sizeRw,
            SizeRootFs = sizeRootFs,
            Mounts = c.MountPoints.Select(MountPoint).ToList(),
            Config = Config(c.Config),
            NetworkSettings = new NetworkSettings
            {
                SandboxID = c.State.Status.IsRunning() ? c.Id : "",
                SandboxKey = c.State.Pid > 0 ? $"/proc/{c.State.Pid}/ns/net" : "",
                Ports = c.State.Status.IsRunning() ? Ports(c) : [],
                Networks = networks,
                EndpointID = bridge?.EndpointID ?? "",
                Gateway = bridge?.Gateway ?? "",
                IPAddress = bridge?.IPAddress ?? "",
                IPPrefixLen = bridge?.IPPrefixLen ?? 0,
                MacAddress = bridge?.MacAddress ?? "",
            },
        };
    }

    public static ContainerSummary Summary(ContainerRecord c, DateTime now, long? sizeRw, long? sizeRootFs) => new()
    {
        Id = c.Id,
        Names = ["/" + c.Name],
        Image = c.Config.Image,
        ImageID = c.ImageId,
        Command = CommandLine(c),
        Created = new DateTimeOffset(c.Created).ToUnixTimeSeconds(),
        Ports = SummaryPorts(c),
        SizeRw = sizeRw,
        SizeRootFs = sizeRootFs,
        Labels = new Dictionary<string, string>(c.Config.Labels),
        State = c.State.Status.ToDockerString(),
        Status = StatusText(c, now),
        HostConfig = new SummaryHostConfig { NetworkMode = c.Host.NetworkMode },
        NetworkSettings = new SummaryNetworkSettings { Networks = Networks(c) },
        Mounts = c.MountPoints.Select(MountPoint).ToList(),
    };

    /// <summary>ps's COMMAND: path and args joined by spaces (the CLI quotes and truncates).</summary>
    public static string CommandLine(ContainerRecord c) => c.Args.Count == 0 ? c.Path : c.Path + " " + string.Join(' ', c.Args);

    /// <summary>Docker's Status column: "Up 5 minutes", "Exited (0) 2 seconds ago", "Created".</summary>
    public static string StatusText(ContainerRecord c, DateTime now) => c.State.Status switch
    {
        ContainerStatus.Running when c.State.Health is { } health =>
            $"Up {Units.HumanDuration(now - c.State.StartedAt)} ({(health.Status == HealthState.Starting ? "health: starting" : health.Status)})",
        ContainerStatus.Running => "Up " + Units.HumanDuration(now - c.State.StartedAt),
        ContainerStatus.Paused => "Up " + Units.HumanDuration(now - c.State.StartedAt) + " (Paused)",
        ContainerStatus.Restarting => $"Restarting ({c.State.ExitCode}) {Units.HumanDuration(now - c.State.FinishedAt)} ago",
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Dead => "Dead",
        ContainerStatus.Exited => $"Exited ({c.State.ExitCode}) {Units.HumanDuration(now - c.State.FinishedAt)} ago",
        _ => "Created",
    };

    private static ContainerState State(ContainerRecord c) => new()
    {
        Status = c.State.Status.ToDockerString(),
        Running = c.State.Status.IsRunning(),
        Paused = c.State.Status == ContainerStatus.Paused,
        Restarting = c.State.Status == ContainerStatus.Restarting,
        OOMKilled = c.State.OomKilled,
        Dead = c.State.Status == ContainerStatus.Dead,
        Pid = c.State.Pid,
        ExitCode = c.State.ExitCode,
        Error = c.State.Error,
        StartedAt = Units.Rfc3339Nano(c.State.StartedAt),
        FinishedAt = Units.Rfc3339Nano(c.State.FinishedAt),
        Health = c.State.Health is { } health ? new Health
        {
            Status = health.Status,
            FailingStreak = health.FailingStreak,
            Log = health.Log.Select(p => new HealthLog { Start = Units.Rfc3339Nano(p.Start), End = Units.Rfc3339Nano(p.End), ExitCode = p.ExitCode, Output = p.Output }).ToList(),
        } : null,
    };

    public static ContainerConfig Config(ContainerSettings s) => new()
    {
        Hostname = s.Hostname,
        Domainname = s.Domainname,
        User = s.User,
        AttachStdin = s.AttachStdin,
        AttachStdout = s.AttachStdout,
        AttachStderr = s.AttachStderr,
        ExposedPorts = s.ExposedPorts.Count == 0 ? null : s.ExposedPorts.ToDictionary(p => p, _ => EmptyObject.Instance),
        Tty = s.Tty,
        OpenStdin = s.OpenStdin,
        StdinOnce = s.StdinOnce,
        Env = s.Env.ToList(),
        Cmd = s.Cmd is null ? null : new StrSlice(s.Cmd),
        Image = s.Image,
        Volumes = s.Volumes.Count == 0 ? null : s.Volumes.ToDictionary(v => v, _ => EmptyObject.Instance),
        WorkingDir = s.WorkingDir,
        Entrypoint = s.Entrypoint is null ? null : new StrSlice(s.Entrypoint),
        OnBuild = s.OnBuild?.ToList(),
        Labels = new Dictionary<string, string>(s.Labels),
        StopSignal = s.StopSignal,
        StopTimeout = s.StopTimeout,
        Shell = s.Shell?.ToList(),
        ArgsEscaped = s.ArgsEscaped,
        Healthcheck = s.Healthcheck is { } h ? new HealthConfig
        {
            Test = h.Test?.ToList(),
            Interval = h.Interval,
            Timeout = h.Timeout,
            StartPeriod = h.StartPeriod,
            StartInterval = h.StartInterval,
            Retries = h.Retries,
        } : null,
    };

    private static HostConfig HostConfig(ContainerRecord c)
    {
        var h = c.Host;
        return new HostConfig
        {
            Memory = h.Memory,
            MemorySwap = h.MemorySwap,
            MemoryReservation = h.MemoryReservation,
            MemorySwappiness = h.MemorySwappiness,
            NanoCpus = h.NanoCpus,
            CpuShares = h.CpuShares,
            CpuPeriod = h.CpuPeriod,
            CpuQuota = h.CpuQuota,
            CpusetCpus = h.CpusetCpus,
            CpusetMems = h.CpusetMems,
            PidsLimit = h.PidsLimit,
            OomKillDisable = h.OomKillDisable,
            Init = h.Init,
            Binds = h.Binds.Count == 0 ? null : h.Binds.ToList(),
            Mounts = h.Mounts.Count == 0 ? null : h.Mounts.Select(m => new Mount { Type = m.Type, Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly }).ToList(),
            Tmpfs = h.Tmpfs.Count == 0 ? null : new Dictionary<string, string>(h.Tmpfs),
            VolumesFrom = h.VolumesFrom.Count == 0 ? null : h.VolumesFrom.ToList(),
            NetworkMode = h.NetworkMode,
            PortBindings = h.PortBindings.ToDictionary(p => p.Key, p => (List<PortBinding>?)p.Value.Select(b => new PortBinding { HostIp = b.HostIp, HostPort = b.HostPort }).ToList()),
            PublishAllPorts = h.PublishAllPorts,
            Links = h.Links.Count == 0 ? null : h.Links.Select(l => LinkView(c, l)).ToList(),
            Dns = h.Dns.ToList(),
            DnsOptions = h.DnsOptions.ToList(),
            DnsSearch = h.DnsSearch.ToList(),
            ExtraHosts = h.ExtraHosts.Count == 0 ? null : h.ExtraHosts.ToList(),
            RestartPolicy = new RestartPolicy { Name = h.RestartPolicy.Name.Length == 0 ? "no" : h.RestartPolicy.Name, MaximumRetryCount = h.RestartPolicy.MaximumRetryCount },
            AutoRemove = h.AutoRemove,
            Privileged = h.Privileged,
            ReadonlyRootfs = h.ReadonlyRootfs,
            CapAdd = h.CapAdd.Count == 0 ? null : h.CapAdd.ToList(),
            CapDrop = h.CapDrop.Count == 0 ? null : h.CapDrop.ToList(),
            SecurityOpt = h.SecurityOpt.Count == 0 ? null : h.SecurityOpt.ToList(),
            GroupAdd = h.GroupAdd.Count == 0 ? null : h.GroupAdd.ToList(),
            ShmSize = h.ShmSize,
            Sysctls = h.Sysctls.Count == 0 ? null : new Dictionary<string, string>(h.Sysctls),
            Runtime = h.Runtime,
            ConsoleSize = h.ConsoleSize.ToList(),
            LogConfig = new LogConfig { Type = h.LogType, Config = new Dictionary<string, string>(h.LogOptions) },
            IpcMode = h.IpcMode,
            PidMode = h.PidMode,
            UTSMode = h.UtsMode,
            CgroupnsMode = h.CgroupnsMode,
            OomScoreAdj = h.OomScoreAdj,
            Annotations = h.Annotations.Count == 0 ? null : new Dictionary<string, string>(h.Annotations),
            MaskedPaths = h.Privileged ? null : DefaultMaskedPaths.ToList(),
            ReadonlyPaths = h.Privileged ? null : DefaultReadonlyPaths.ToList(),
        };
    }

    /// <summary>Inspect shows links as "/child:/parent/alias".</summary>
    private static string LinkView(ContainerRecord c, string link)
    {
        var (target, alias) = Engine.Networks.NetworkService.SplitLink(link);
        return $"/{target}:/{c.Name}/{alias}";
    }

    private static readonly string[] DefaultMaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] DefaultReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>Each exposed or published port: its host bindings, or null when only exposed.</summary>
    private static Dictionary<string, List<PortBinding>?> Ports(ContainerRecord c)
    {
        var ports = c.Config.ExposedPorts.Concat(c.Host.PortBindings.Keys).Distinct().ToDictionary(p => p, _ => (List<PortBinding>?)null);
        foreach (var published in c.Ports)
        {
            var key = $"{published.ContainerPort}/{published.Protocol}";
            (ports[key] ??= []).Add(new PortBinding { HostIp = published.HostIp, HostPort = published.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return ports;
    }

    /// <summary>ps's PORTS: published ports with their host side, exposed ones bare.</summary>
    private static List<Port> SummaryPorts(ContainerRecord c)
    {
        var ports = c.Ports.Select(p => new Port { IP = p.HostIp, PrivatePort = p.ContainerPort, PublicPort = p.HostPort, Type = p.Protocol }).ToList();
        foreach (var exposed in c.Config.ExposedPorts)
        {
            var (number, protocol) = Engine.Networks.NetworkService.ParsePort(exposed);
            var type = protocol.ToString().ToLowerInvariant();
            if (!ports.Any(p => p.PrivatePort == number && p.Type == type))
            {
                ports.Add(new Port { PrivatePort = number, Type = type });
            }
        }

        return ports;
    }

    private static Dictionary<string, EndpointSettings> Networks(ContainerRecord c) =>
        c.Networks.ToDictionary(n => n.Key, n => new EndpointSettings
        {
            IPAMConfig = n.Value.RequestedIPv4 is { Length: > 0 } ip ? new EndpointIpamConfig { IPv4Address = ip } : null,
            Links = c.Host.Links.Count > 0 && n.Key == "bridge" ? c.Host.Links.ToList() : null,
            Aliases = n.Value.Aliases.Count > 0 ? n.Value.Aliases.ToList() : null,
            MacAddress = n.Value.MacAddress,
            NetworkID = n.Value.NetworkId,
            EndpointID = n.Value.EndpointId,
            Gateway = n.Value.Gateway,
            IPAddress = n.Value.IPAddress,
            IPPrefixLen = n.Value.PrefixLength,
            DNSNames = n.Key == "bridge" || n.Value.IPAddress.Length == 0 ? null : [c.Name, c.ShortId, .. n.Value.Aliases],
        });

    public static MountPoint MountPoint(MountPointRecord m) => new()
    {
        Type = m.Type,
        Name = m.Name,
        Source = m.Source,
        Destination = m.Destination,
        Driver = m.Driver,
        Mode = m.Mode,
        RW = m.ReadWrite,
        Propagation = m.Propagation,
    };
}
