using Berth.Api.Contracts.Containers;
using ImageContainerConfig = Berth.Images.ContainerConfig;
using ImageEmptyObject = Berth.Images.EmptyObject;
using ImageHealthConfig = Berth.Images.HealthConfig;

namespace Berth.Api.Mapping;

/// <summary>The config a POST /commit body may carry, in the image config's shape.</summary>
public static class CommitMapping
{
    public static ImageContainerConfig ToImageConfig(ContainerConfig c) => new()
    {
        User = c.User,
        ExposedPorts = c.ExposedPorts?.Keys.ToDictionary(k => k, _ => ImageEmptyObject.Instance, StringComparer.Ordinal),
        Env = c.Env?.ToList(),
        Cmd = c.Cmd?.ToList(),
        Entrypoint = c.Entrypoint?.ToList(),
        Volumes = c.Volumes?.Keys.ToDictionary(k => k, _ => ImageEmptyObject.Instance, StringComparer.Ordinal),
        WorkingDir = c.WorkingDir,
        Labels = c.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : null,
        StopSignal = c.StopSignal,
        ArgsEscaped = c.ArgsEscaped ? true : null,
        Healthcheck = c.Healthcheck is { } h
            ? new ImageHealthConfig { Test = h.Test?.ToList(), Interval = h.Interval, Timeout = h.Timeout, StartPeriod = h.StartPeriod, StartInterval = h.StartInterval, Retries = h.Retries }
            : null,
        OnBuild = c.OnBuild?.ToList(),
        Shell = c.Shell?.ToList(),
    };
}
