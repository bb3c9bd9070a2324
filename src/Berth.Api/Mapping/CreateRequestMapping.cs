using Berth.Api.Contracts.Containers;
using Berth.Engine.Containers;

namespace Berth.Api.Mapping;

/// <summary>POST /containers/create body → the engine's create spec.</summary>
public static class CreateRequestMapping
{
    public static ContainerCreateSpec ToSpec(ContainerCreateRequest request, string? name)
    {
        var host = request.HostConfig ?? new HostConfig();
        var settings = ToHostSettings(host);
        var endpoints = (request.NetworkingConfig?.EndpointsConfig ?? []).ToDictionary(
            e => e.Key is "default" or "" ? settings.NetworkMode : e.Key,
            e => new EndpointRequestSettings(e.Value?.Aliases ?? [], e.Value?.IPAMConfig?.IPv4Address, string.IsNullOrEmpty(e.Value?.MacAddress) ? request.MacAddress : e.Value.MacAddress));
        return new ContainerCreateSpec(name, ToSettings(request), settings) { Endpoints = endpoints };
    }

    public static ContainerSettings ToSettings(ContainerConfig c) => new()
    {
        Hostname = c.Hostname,
        Domainname = c.Domainname,
        User = c.User,
        AttachStdin = c.AttachStdin,
        AttachStdout = c.AttachStdout,
        AttachStderr = c.AttachStderr,
        ExposedPorts = c.ExposedPorts?.Keys.Select(NormalizePort).ToList() ?? [],
        Tty = c.Tty,
        OpenStdin = c.OpenStdin,
        StdinOnce = c.StdinOnce,
        Env = c.Env?.ToList() ?? [],
        Cmd = c.Cmd?.ToList(),
        Entrypoint = c.Entrypoint?.ToList(),
        Image = c.Image,
        Volumes = c.Volumes?.Keys.ToList() ?? [],
        WorkingDir = c.WorkingDir,
        Labels = c.Labels ?? new Dictionary<string, string>(),
        StopSignal = string.IsNullOrEmpty(c.StopSignal) ? null : c.StopSignal,
        StopTimeout = c.StopTimeout,
        OnBuild = c.OnBuild,
        Shell = c.Shell,
        Healthcheck = c.Healthcheck is { } h ? new HealthcheckSettings(h.Test, h.Interval, h.Timeout, h.StartPeriod, h.StartInterval, h.Retries) : null,
        ArgsEscaped = c.ArgsEscaped,
        NetworkDisabled = c.NetworkDisabled,
        MacAddress = c.MacAddress,
    };

    /// <summary>POST /containers/{id}/update sends the HostConfig fields it changes.</summary>
    public static ContainerUpdate ToUpdate(HostConfig h) => new()
    {
        Memory = h.Memory,
        MemorySwap = h.MemorySwap,
        MemoryReservation = h.MemoryReservation,
        NanoCpus = h.NanoCpus,
        CpuShares = h.CpuShares,
        CpuPeriod = h.CpuPeriod,
        CpuQuota = h.CpuQuota,
        CpusetCpus = h.CpusetCpus ?? "",
        PidsLimit = h.PidsLimit,
        RestartPolicy = h.RestartPolicy is { Name.Length: > 0 } p ? new RestartPolicySettings(p.Name, p.MaximumRetryCount) : null,
    };

    private static HostSettings ToHostSettings(HostConfig h) => new()
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
        Binds = h.Binds?.ToList() ?? [],
        Mounts = h.Mounts?.Select(ToMountRequest).ToList() ?? [],
        Tmpfs = h.Tmpfs ?? new Dictionary<string, string>(),
        VolumesFrom = h.VolumesFrom?.ToList() ?? [],
        NetworkMode = NetworkMode(h),
        PortBindings = (h.PortBindings ?? []).ToDictionary(
            p => NormalizePort(p.Key),
            p => (IReadOnlyList<PortBindingSettings>)(p.Value ?? []).Select(b => new PortBindingSettings(b.HostIp, b.HostPort)).ToList()),
        PublishAllPorts = h.PublishAllPorts,
        Links = h.Links?.ToList() ?? [],
        Dns = h.Dns?.ToList() ?? [],
        DnsOptions = h.DnsOptions?.ToList() ?? [],
        DnsSearch = h.DnsSearch?.ToList() ?? [],
        ExtraHosts = h.ExtraHosts?.ToList() ?? [],
        RestartPolicy = new RestartPolicySettings(h.RestartPolicy.Name, h.RestartPolicy.MaximumRetryCount),
        AutoRemove = h.AutoRemove,
        Privileged = h.Privileged,
        ReadonlyRootfs = h.ReadonlyRootfs,
        CapAdd = h.CapAdd?.ToList() ?? [],
        CapDrop = h.CapDrop?.ToList() ?? [],
        SecurityOpt = h.SecurityOpt?.ToList() ?? [],
        GroupAdd = h.GroupAdd?.ToList() ?? [],
        ShmSize = h.ShmSize,
        Sysctls = h.Sysctls ?? new Dictionary<string, string>(),
        Runtime = string.IsNullOrEmpty(h.Runtime) ? null : h.Runtime,
        ConsoleSize = h.ConsoleSize is { Count: 2 } size ? size : [0, 0],
        LogType = h.LogConfig.Type.Length > 0 ? h.LogConfig.Type : "json-file",
        LogOptions = h.LogConfig.Config ?? new Dictionary<string, string>(),
        IpcMode = h.IpcMode.Length > 0 ? h.IpcMode : "private",
        PidMode = h.PidMode,
        UtsMode = h.UTSMode,
        CgroupnsMode = h.CgroupnsMode.Length > 0 ? h.CgroupnsMode : "host",
        OomScoreAdj = h.OomScoreAdj,
        Annotations = h.Annotations ?? new Dictionary<string, string>(),
    };

    /// <summary>"default" and "" mean the default bridge, as moby rewrites at create.</summary>
    private static string NetworkMode(HostConfig h) =>
        h.NetworkMode is "" or "default" ? "bridge" : h.NetworkMode;

    private static MountRequest ToMountRequest(Mount m) => new()
    {
        Type = m.Type,
        Source = m.Source,
        Target = m.Target,
        ReadOnly = m.ReadOnly,
        Propagation = m.BindOptions?.Propagation,
        CreateMountpoint = m.BindOptions?.CreateMountpoint ?? false,
        NoCopy = m.VolumeOptions?.NoCopy ?? false,
        VolumeLabels = m.VolumeOptions?.Labels,
        VolumeDriver = m.VolumeOptions?.DriverConfig?.Name,
        VolumeDriverOptions = m.VolumeOptions?.DriverConfig?.Options,
        Subpath = m.VolumeOptions?.Subpath,
        TmpfsSizeBytes = m.TmpfsOptions?.SizeBytes ?? 0,
        TmpfsMode = m.TmpfsOptions?.Mode ?? 0,
    };

    private static string NormalizePort(string port) => port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp";
}
