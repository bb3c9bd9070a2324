using Berth.Images;

namespace Berth.Engine.Containers;

/// <summary>A container's settings in the image config's shape, as a commit records them (config and container_config).</summary>
internal static class CommitConfig
{
    /// <summary>A new, independent copy each call: the commit merge changes what it is given.</summary>
    public static ContainerConfig From(ContainerSettings settings) => new()
    {
        User = settings.User,
        ExposedPorts = settings.ExposedPorts.Count == 0 ? null : settings.ExposedPorts.ToDictionary(p => p, _ => EmptyObject.Instance, StringComparer.Ordinal),
        Env = [.. settings.Env],
        Entrypoint = settings.Entrypoint?.ToList(),
        Cmd = settings.Cmd?.ToList(),
        Volumes = settings.Volumes.Count == 0 ? null : settings.Volumes.ToDictionary(v => v, _ => EmptyObject.Instance, StringComparer.Ordinal),
        WorkingDir = settings.WorkingDir,
        Labels = settings.Labels.Count == 0 ? null : new Dictionary<string, string>(settings.Labels, StringComparer.Ordinal),
        StopSignal = settings.StopSignal,
        ArgsEscaped = settings.ArgsEscaped ? true : null,
        Healthcheck = settings.Healthcheck is { } h
            ? new HealthConfig { Test = h.Test?.ToList(), Interval = h.Interval, Timeout = h.Timeout, StartPeriod = h.StartPeriod, StartInterval = h.StartInterval, Retries = h.Retries }
            : null,
        OnBuild = settings.OnBuild?.ToList(),
        Shell = settings.Shell?.ToList(),
    };
}
