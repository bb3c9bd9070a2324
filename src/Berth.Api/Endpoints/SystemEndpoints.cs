using System.Runtime.InteropServices;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.System;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Engine;
using Berth.Engine.Containers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>/_ping, /version, /info: what clients negotiate and print.</summary>
public static class SystemEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine, HostFacts host)
    {
        app.MapMethods("/_ping", ["GET", "HEAD"], async (HttpContext http) =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-cache, no-store, must-revalidate";
            headers.Pragma = "no-cache";
            headers["Builder-Version"] = "1";
            headers["Swarm"] = "inactive";
            http.Response.ContentType = "text/plain; charset=utf-8";
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Response.ContentLength = 0;
                return;
            }

            http.Response.ContentLength = 2;
            await http.Response.WriteAsync("OK").ConfigureAwait(false);
        });

        app.MapGet("/version", (HttpContext http) => Json.WriteAsync(http.Response, Version(host), BerthJsonContext.Default.SystemVersion));

        app.MapGet("/info", (HttpContext http) => Json.WriteAsync(http.Response, Info(engine, host), BerthJsonContext.Default.SystemInfo));
    }

    private static SystemVersion Version(HostFacts host)
    {
        var details = new Dictionary<string, string>
        {
            ["ApiVersion"] = ApiVersion.Current.ToString(),
            ["MinAPIVersion"] = ApiVersion.Minimum.ToString(),
            ["GitCommit"] = host.GitCommit,
            ["GoVersion"] = RuntimeInformation.FrameworkDescription,
            ["Os"] = "linux",
            ["Arch"] = host.Architecture,
            ["KernelVersion"] = host.KernelVersion,
            ["Experimental"] = "false",
            ["BuildTime"] = host.BuildTime,
        };
        return new SystemVersion
        {
            Platform = new VersionPlatform { Name = "Berth Engine" },
            Components = [new VersionComponent { Name = "Engine", Version = ResponseHeaders.ServerVersion, Details = details }],
            Version = ResponseHeaders.ServerVersion,
            ApiVersion = ApiVersion.Current.ToString(),
            MinAPIVersion = ApiVersion.Minimum.ToString(),
            GitCommit = host.GitCommit,
            GoVersion = RuntimeInformation.FrameworkDescription,
            Os = "linux",
            Arch = host.Architecture,
            KernelVersion = host.KernelVersion,
            BuildTime = host.BuildTime,
        };
    }

    private static SystemInfo Info(BerthEngine engine, HostFacts host)
    {
        var containers = engine.Containers.All;
        var runtimes = engine.Runtimes;
        return new SystemInfo
        {
            ID = host.DaemonId,
            Containers = containers.Count,
            ContainersRunning = containers.Count(c => c.State.Status == ContainerStatus.Running),
            ContainersPaused = containers.Count(c => c.State.Status == ContainerStatus.Paused),
            ContainersStopped = containers.Count(c => !c.State.Status.IsRunning()),
            Images = engine.Images.All.Count,
            Driver = "overlay2",
            DriverStatus = [["Backing Filesystem", host.BackingFilesystem], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"]],
            DockerRootDir = engine.Paths.DataRoot,
            Plugins = new PluginsInfo { Volume = ["local"], Network = ["bridge", "host", "null"], Log = ["json-file"] },
            MemoryLimit = true,
            SwapLimit = host.SwapLimit,
            CpuCfsPeriod = true,
            CpuCfsQuota = true,
            CPUShares = true,
            CPUSet = true,
            PidsLimit = true,
            IPv4Forwarding = host.IpForwarding(),
            NFd = host.OpenFileCount(),
            NGoroutines = ThreadPoolThreads(),
            SystemTime = DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
            LoggingDriver = "json-file",
            CgroupDriver = "cgroupfs",
            CgroupVersion = runtimes.CgroupVersion,
            NEventsListener = engine.Events.SubscriberCount,
            KernelVersion = host.KernelVersion,
            OperatingSystem = host.OperatingSystem,
            OSVersion = host.OsVersion,
            OSType = "linux",
            Architecture = host.Machine,
            NCPU = Environment.ProcessorCount,
            MemTotal = host.MemTotal,
            Name = Environment.MachineName,
            ServerVersion = ResponseHeaders.ServerVersion,
            Runtimes = runtimes.Available.ToDictionary(r => r.Name, r => new RuntimeInfo { Path = r.Path }),
            DefaultRuntime = runtimes.DefaultName,
            SecurityOptions = ["name=seccomp,profile=builtin", "name=cgroupns"],
            Warnings = runtimes.Notes.ToList(),
            DefaultAddressPools = [new AddressPool { Base = "172.17.0.0/16", Size = 16 }],
            RegistryConfig = RegistryInfo.For(engine.Registry.Options),
        };
    }

    private static int ThreadPoolThreads() => ThreadPool.ThreadCount;
}
