using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Berth.Api.Contracts;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;

namespace Berth.Cli.Options;

/// <summary>
/// docker's container/opts.go parse: turns the run/create flags, the image and the command into the
/// ContainerCreateRequest the docker CLI sends, field for field (nulls and empty lists included).
/// Errors are docker's texts, as <see cref="FormatException"/>.
/// </summary>
internal sealed class CreateRequestBuilder(ParseResult parse, ContainerFlags flags, Func<string, string?> environment)
{
    public ContainerCreateRequest Build(string image, IReadOnlyList<string> command, string serverOs)
    {
        var attach = Strings(flags.Attach);
        var attachStdin = attach.Contains("stdin");
        var attachStdout = attach.Contains("stdout");
        var attachStderr = attach.Contains("stderr");
        var macAddress = Text(flags.MacAddress);
        if (macAddress.Length > 0 && !MacAddress.IsValid(macAddress.Trim()))
        {
            throw new FormatException($"{macAddress} is not a valid mac address");
        }

        var interactive = parse.GetValue(flags.Interactive);
        if (interactive)
        {
            attachStdin = true;
        }

        if (attach.Count == 0)
        {
            attachStdout = true;
            attachStderr = true;
        }

        var swappiness = parse.GetValue(flags.MemorySwappiness);
        if (swappiness != -1 && swappiness is < 0 or > 100)
        {
            throw new FormatException($"invalid value: {swappiness.ToString(CultureInfo.InvariantCulture)}. Valid memory swappiness range is 0-100");
        }

        var (binds, volumes) = Volumes();
        var tmpfs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in Strings(flags.Tmpfs))
        {
            var colon = t.IndexOf(':', StringComparison.Ordinal);
            tmpfs[colon < 0 ? t : t[..colon]] = colon < 0 ? "" : t[(colon + 1)..];
        }

        StrSlice? entrypoint = null;
        var entrypointText = Text(flags.Entrypoint);
        if (entrypointText.Length > 0)
        {
            entrypoint = [entrypointText];
        }
        else if (Given(flags.Entrypoint))
        {
            entrypoint = [""];
        }

        var (exposed, bindings) = PortSpecs.Parse(Strings(flags.Publish), Strings(flags.Expose));
        var devices = Strings(flags.Device).Select(d => ParseDevice(d, serverOs)).ToList();
        var env = ReadKeyValues(Strings(flags.EnvFile), Strings(flags.Env), environment);
        var labels = ReadKeyValues(Strings(flags.LabelFile), Strings(flags.Label), null);

        var pid = Text(flags.Pid);
        if (!ValidPidMode(pid))
        {
            throw new FormatException("--pid: invalid PID mode");
        }

        var uts = Text(flags.Uts);
        if (uts is not ("" or "host"))
        {
            throw new FormatException("--uts: invalid UTS mode");
        }

        var userns = Text(flags.Userns);
        if (userns is not ("" or "host"))
        {
            throw new FormatException("--userns: invalid USER mode");
        }

        var cgroupns = Text(flags.Cgroupns);
        if (cgroupns is not ("" or "host" or "private"))
        {
            throw new FormatException("--cgroupns: invalid CGROUP mode");
        }

        var restart = ParseRestartPolicy(Text(flags.Restart));
        var logDriver = Text(flags.LogDriver);
        var logOpts = Strings(flags.LogOpt);
        if (logDriver == "none" && logOpts.Count > 0)
        {
            throw new FormatException($"invalid logging opts for driver {logDriver}");
        }

        var (securityOpts, maskedPaths, readonlyPaths) = SecurityOptions(Strings(flags.SecurityOpt));
        var storageOpts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in Strings(flags.StorageOpt))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException("invalid storage option");
            }

            storageOpts[option[..equals]] = option[(equals + 1)..];
        }

        var healthcheck = Healthcheck();
        var deviceRequests = Strings(flags.Gpus).Select(GpuRequest.Parse).ToList();
        var autoRemove = parse.GetValue(flags.Remove);
        if (autoRemove && restart.Name is not ("" or "no"))
        {
            throw new FormatException("conflicting options: cannot specify both --restart and --rm");
        }

        var tty = parse.GetValue(flags.Tty);
        var config = new ContainerCreateRequest
        {
            Hostname = Text(flags.Hostname),
            Domainname = Text(flags.Domainname),
            User = Text(flags.User),
            AttachStdin = attachStdin,
            AttachStdout = attachStdout,
            AttachStderr = attachStderr,
            ExposedPorts = exposed.Count > 0 ? new Dictionary<string, EmptyObject>(exposed) : null,
            Tty = tty,
            OpenStdin = interactive,
            StdinOnce = interactive && attachStdin,
            Env = env,
            Cmd = command.Count > 0 ? [.. command] : null,
            Healthcheck = healthcheck,
            Image = image,
            Volumes = volumes,
            WorkingDir = Text(flags.Workdir),
            Entrypoint = entrypoint,
            MacAddress = macAddress.Length > 0 ? macAddress : null,
            OnBuild = null,
            Labels = Sorted((labels ?? []).Select(Split)),
            StopSignal = Text(flags.StopSignal) is { Length: > 0 } stopSignal ? stopSignal : null,
            StopTimeout = Given(flags.StopTimeout) ? parse.GetValue(flags.StopTimeout) : null,
        };

        config.HostConfig = new HostConfig
        {
            Binds = binds,
            ContainerIDFile = Text(flags.Cidfile),
            OomScoreAdj = parse.GetValue(flags.OomScoreAdj),
            AutoRemove = autoRemove,
            Privileged = parse.GetValue(flags.Privileged),
            PortBindings = new Dictionary<string, List<PortBinding>?>(bindings.Select(b => new KeyValuePair<string, List<PortBinding>?>(b.Key, b.Value))),
            Links = NullIfEmpty(Strings(flags.Link)),
            PublishAllPorts = parse.GetValue(flags.PublishAll),
            Dns = Strings(flags.Dns),
            DnsSearch = Strings(flags.DnsSearch),
            DnsOptions = [.. Strings(flags.DnsOpt), .. Strings(flags.DnsOption)],
            ExtraHosts = NullIfEmpty(Strings(flags.AddHost)),
            VolumesFrom = NullIfEmpty(Strings(flags.VolumesFrom)),
            IpcMode = Text(flags.Ipc),
            NetworkMode = NetworkAttachments() is [var first, ..] ? first.Target : "default",
            PidMode = pid,
            UTSMode = uts,
            UsernsMode = userns,
            CgroupnsMode = cgroupns,
            CapAdd = NullIfEmpty(Strings(flags.CapAdd)),
            CapDrop = NullIfEmpty(Strings(flags.CapDrop)),
            GroupAdd = NullIfEmpty(Strings(flags.GroupAdd)),
            RestartPolicy = restart,
            SecurityOpt = securityOpts,
            StorageOpt = storageOpts.Count > 0 ? new Dictionary<string, string>(storageOpts) : null,
            ReadonlyRootfs = parse.GetValue(flags.ReadOnly),
            LogConfig = new LogConfig { Type = logDriver, Config = Sorted(logOpts.Select(Split)) },
            VolumeDriver = Text(flags.VolumeDriver),
            Isolation = Text(flags.Isolation),
            ShmSize = Bytes(flags.ShmSize),
            Tmpfs = tmpfs.Count > 0 ? new Dictionary<string, string>(tmpfs) : null,
            Sysctls = Strings(flags.Sysctl) is { Count: > 0 } sysctls ? Sorted(sysctls.Select(Split)) : null,
            Runtime = Text(flags.Runtime) is { Length: > 0 } runtime ? runtime : null,
            Mounts = Strings(flags.Mount) is { Count: > 0 } mounts ? mounts.Select(MountSpec.Parse).ToList() : null,
            MaskedPaths = maskedPaths,
            ReadonlyPaths = readonlyPaths,
            Annotations = Strings(flags.Annotation) is { Count: > 0 } annotations ? Sorted(annotations.Select(Split)) : null,
            CgroupParent = Text(flags.CgroupParent),
            Memory = Bytes(flags.Memory),
            MemoryReservation = Bytes(flags.MemoryReservation),
            MemorySwap = Bytes(flags.MemorySwap),
            MemorySwappiness = swappiness,
            OomKillDisable = parse.GetValue(flags.OomKillDisable),
            NanoCpus = Bytes(flags.Cpus),
            CpuCount = parse.GetValue(flags.CpuCount),
            CpuPercent = parse.GetValue(flags.CpuPercent),
            CpuShares = parse.GetValue(flags.CpuShares),
            CpuPeriod = parse.GetValue(flags.CpuPeriod),
            CpusetCpus = Text(flags.CpusetCpus),
            CpusetMems = Text(flags.CpusetMems),
            CpuQuota = parse.GetValue(flags.CpuQuota),
            CpuRealtimePeriod = parse.GetValue(flags.CpuRtPeriod),
            CpuRealtimeRuntime = parse.GetValue(flags.CpuRtRuntime),
            PidsLimit = parse.GetValue(flags.PidsLimit),
            BlkioWeight = (int)parse.GetValue(flags.BlkioWeight),
            BlkioWeightDevice = Strings(flags.BlkioWeightDevice).Select(WeightDevice).ToList(),
            BlkioDeviceReadBps = Strings(flags.DeviceReadBps).Select(d => Throttle(d, bytes: true)).ToList(),
            BlkioDeviceWriteBps = Strings(flags.DeviceWriteBps).Select(d => Throttle(d, bytes: true)).ToList(),
            BlkioDeviceReadIOps = Strings(flags.DeviceReadIops).Select(d => Throttle(d, bytes: false)).ToList(),
            BlkioDeviceWriteIOps = Strings(flags.DeviceWriteIops).Select(d => Throttle(d, bytes: false)).ToList(),
            IOMaximumIOps = parse.GetValue(flags.IoMaxIops),
            IOMaximumBandwidth = Bytes(flags.IoMaxBandwidth),
            Ulimits = Strings(flags.Ulimit).Select(UlimitSpec.Parse).GroupBy(u => u.Name).Select(g => g.Last()).OrderBy(u => u.Name, StringComparer.Ordinal).ToList(),
            DeviceCgroupRules = NullIfEmpty(Strings(flags.DeviceCgroupRule)),
            Devices = devices,
            DeviceRequests = deviceRequests.Count > 0 ? deviceRequests : null,
            Init = Given(flags.Init) ? parse.GetValue(flags.Init) : null,
            ConsoleSize = [0, 0],
        };

        config.NetworkingConfig = new NetworkingConfig { EndpointsConfig = Endpoints(config.HostConfig.NetworkMode) };
        if (config.NetworkingConfig.EndpointsConfig.TryGetValue(config.HostConfig.NetworkMode, out var main) && main.MacAddress.Length > 0)
        {
            config.MacAddress = main.MacAddress;
        }

        return config;
    }

    private (List<string>? Binds, Dictionary<string, EmptyObject> Volumes) Volumes()
    {
        List<string>? binds = null;
        var volumes = new Dictionary<string, EmptyObject>();
        foreach (var spec in Strings(flags.Volume).Distinct())
        {
            var parsed = VolumeSpec.Parse(spec);
            if (parsed.Source.Length == 0)
            {
                volumes[spec] = EmptyObject.Instance;
                continue;
            }

            var bind = spec;
            if (parsed.IsBind && spec.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                var host = spec[..colon];
                if (!Path.IsPathRooted(host) && host.StartsWith('.'))
                {
                    host = Path.GetFullPath(host);
                }

                bind = host + spec[colon..];
            }

            (binds ??= []).Add(bind);
        }

        return (binds, new Dictionary<string, EmptyObject>(volumes.OrderBy(v => v.Key, StringComparer.Ordinal)));
    }

    private HealthConfig? Healthcheck()
    {
        var command = Text(flags.HealthCmd);
        var interval = Duration(flags.HealthInterval);
        var timeout = Duration(flags.HealthTimeout);
        var startPeriod = Duration(flags.HealthStartPeriod);
        var startInterval = Duration(flags.HealthStartInterval);
        var retries = parse.GetValue(flags.HealthRetries);
        var haveSettings = command.Length > 0 || interval != 0 || timeout != 0 || startPeriod != 0 || retries != 0 || startInterval != 0;
        if (parse.GetValue(flags.NoHealthcheck))
        {
            return haveSettings
                ? throw new FormatException("--no-healthcheck conflicts with --health-* options")
                : new HealthConfig { Test = ["NONE"] };
        }

        if (!haveSettings)
        {
            return null;
        }

        foreach (var (value, name) in new[] { (interval, "interval"), (timeout, "timeout"), (retries, "retries"), (startPeriod, "start-period"), (startInterval, "start-interval") })
        {
            if (value < 0)
            {
                throw new FormatException($"--health-{name} cannot be negative");
            }
        }

        return new HealthConfig
        {
            Test = command.Length > 0 ? ["CMD-SHELL", command] : null,
            Interval = interval,
            Timeout = timeout,
            StartPeriod = startPeriod,
            StartInterval = startInterval,
            Retries = retries,
        };
    }

    private List<NetworkAttachment> NetworkAttachments() =>
        [.. Strings(flags.Net).Select(NetworkAttachment.Parse), .. Strings(flags.Network).Select(NetworkAttachment.Parse)];

    /// <summary>parseNetworkOpts: the endpoint of each --network, the first one carrying --network-alias, --link, --ip...</summary>
    private Dictionary<string, EndpointSettings> Endpoints(string networkMode)
    {
        var endpoints = new Dictionary<string, EndpointSettings>();
        var attachments = NetworkAttachments();
        if (attachments.Count == 0)
        {
            endpoints["default"] = Endpoint(WithContainerOptions(new NetworkAttachment("default")));
            return endpoints;
        }

        var userDefined = false;
        var builtin = false;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (NetworkAttachment.IsUserDefined(attachment.Target))
            {
                userDefined = true;
            }
            else
            {
                builtin = true;
            }

            if (i == 0)
            {
                attachment = WithContainerOptions(attachment);
            }

            var endpoint = Endpoint(attachment);
            if (endpoints.ContainsKey(attachment.Target))
            {
                throw new FormatException($"network \"{attachment.Target}\" is specified multiple times");
            }

            // a single network without endpoint options sends no endpoint settings
            if (i == 0 && attachments.Count == 1 && IsEmpty(endpoint))
            {
                continue;
            }

            endpoints[attachment.Target] = endpoint;
        }

        return userDefined && builtin
            ? throw new FormatException("conflicting options: cannot attach both user-defined and non-user-defined network-modes")
            : endpoints;
    }

    private NetworkAttachment WithContainerOptions(NetworkAttachment attachment)
    {
        var aliases = Strings(flags.NetAlias).Concat(Strings(flags.NetworkAlias)).ToList();
        var links = Strings(flags.Link);
        var ip = Text(flags.Ip);
        var ip6 = Text(flags.Ip6);
        var mac = Text(flags.MacAddress);
        var linkLocal = Strings(flags.LinkLocalIp);
        if (attachment.Aliases is { Count: > 0 } && aliases.Count > 0)
        {
            throw new FormatException("conflicting options: cannot specify both --network-alias and per-network alias");
        }

        if (attachment.IPv4Address.Length > 0 && ip.Length > 0)
        {
            throw new FormatException("conflicting options: cannot specify both --ip and per-network IPv4 address");
        }

        if (attachment.IPv6Address.Length > 0 && ip6.Length > 0)
        {
            throw new FormatException("conflicting options: cannot specify both --ip6 and per-network IPv6 address");
        }

        if (attachment.MacAddress.Length > 0 && mac.Length > 0)
        {
            throw new FormatException("conflicting options: cannot specify both --mac-address and per-network MAC address");
        }

        if (attachment.LinkLocalIPs is { Count: > 0 } && linkLocal.Count > 0)
        {
            throw new FormatException("conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses");
        }

        var result = attachment with
        {
            Aliases = aliases.Count > 0 ? aliases : attachment.Aliases,
            IPv4Address = ip.Length > 0 ? ip : attachment.IPv4Address,
            IPv6Address = ip6.Length > 0 ? ip6 : attachment.IPv6Address,
            MacAddress = mac.Length > 0 ? mac : attachment.MacAddress,
            LinkLocalIPs = linkLocal.Count > 0 ? linkLocal : attachment.LinkLocalIPs,
        };

        // on a user-defined network --link makes an alias; on the default bridge it is a legacy link
        if (NetworkAttachment.IsUserDefined(attachment.Target) && links.Count > 0)
        {
            result.Links = links;
        }

        return result;
    }

    private static EndpointSettings Endpoint(NetworkAttachment attachment)
    {
        if (attachment.Target.Trim().Length == 0)
        {
            throw new FormatException("no name set for network");
        }

        if (!NetworkAttachment.IsUserDefined(attachment.Target))
        {
            if (attachment.Aliases is { Count: > 0 })
            {
                throw new FormatException("network-scoped aliases are only supported for user-defined networks");
            }

            if (attachment.Links is { Count: > 0 })
            {
                throw new FormatException("links are only supported for user-defined networks");
            }
        }

        var endpoint = new EndpointSettings
        {
            GwPriority = attachment.GwPriority,
            Aliases = attachment.Aliases is { Count: > 0 } ? [.. attachment.Aliases] : null,
            DriverOpts = attachment.DriverOpts is { Count: > 0 } ? attachment.DriverOpts : null,
            Links = attachment.Links is { Count: > 0 } ? attachment.Links : null,
        };
        if (attachment.IPv4Address.Length > 0 || attachment.IPv6Address.Length > 0 || attachment.LinkLocalIPs is { Count: > 0 })
        {
            endpoint.IPAMConfig = new EndpointIpamConfig
            {
                IPv4Address = attachment.IPv4Address.Length > 0 ? attachment.IPv4Address : null,
                IPv6Address = attachment.IPv6Address.Length > 0 ? attachment.IPv6Address : null,
                LinkLocalIPs = attachment.LinkLocalIPs,
            };
        }

        if (attachment.MacAddress.Length > 0)
        {
            endpoint.MacAddress = MacAddress.IsValid(attachment.MacAddress.Trim()) ? attachment.MacAddress : throw new FormatException($"{attachment.MacAddress} is not a valid mac address");
        }

        return endpoint;
    }

    private static bool IsEmpty(EndpointSettings endpoint) =>
        endpoint.GwPriority == 0 && endpoint.Aliases is null && endpoint.DriverOpts is null && endpoint.Links is null &&
        endpoint.IPAMConfig is null && endpoint.MacAddress.Length == 0;

    private static (List<string>? Options, List<string>? Masked, List<string>? Readonly) SecurityOptions(List<string> options)
    {
        if (options.Count == 0)
        {
            return (null, null, null);
        }

        var result = new List<string>();
        List<string>? masked = null;
        List<string>? readonlyPaths = null;
        foreach (var option in options)
        {
            var separator = option.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0 && option != "no-new-privileges")
            {
                separator = option.IndexOf(':', StringComparison.Ordinal);
            }

            var key = separator < 0 ? option : option[..separator];
            var value = separator < 0 ? "" : option[(separator + 1)..];
            if (value.Length == 0 && key != "no-new-privileges")
            {
                throw new FormatException($"Invalid --security-opt: {Berth.Client.GoJson.Quote(option, false)}");
            }

            if (option == "systempaths=unconfined")
            {
                masked = [];
                readonlyPaths = [];
                continue;
            }

            if (key == "seccomp" && value is not ("builtin" or "unconfined"))
            {
                string profile;
                try
                {
                    profile = File.ReadAllText(value);
                }
                catch (Exception e) when (OsError.IsFileError(e))
                {
                    throw new FormatException($"opening seccomp profile ({value}) failed: {OsError.Describe("open", value, e)}");
                }

                try
                {
                    using var document = JsonDocument.Parse(profile);
                    result.Add("seccomp=" + document.RootElement.GetRawText().Replace("\n", "", StringComparison.Ordinal));
                }
                catch (JsonException e)
                {
                    throw new FormatException($"compacting json for seccomp profile ({value}) failed: {e.Message}");
                }

                continue;
            }

            result.Add(option);
        }

        return (result, masked, readonlyPaths);
    }

    /// <summary>opts.ParseRestartPolicy: "no", "always", "unless-stopped", "on-failure[:N]".</summary>
    public static RestartPolicy ParseRestartPolicy(string policy)
    {
        if (policy.Length == 0)
        {
            return new RestartPolicy();
        }

        var colon = policy.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? policy : policy[..colon];
        var count = colon < 0 ? "" : policy[(colon + 1)..];
        if (colon >= 0 && name.Length == 0)
        {
            throw new FormatException("invalid restart policy format: no policy provided before colon");
        }

        var result = new RestartPolicy { Name = name };
        if (count.Length > 0)
        {
            result.MaximumRetryCount = int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries)
                ? retries
                : throw new FormatException("invalid restart policy format: maximum retry count must be an integer");
        }

        return result;
    }

    private static DeviceMapping ParseDevice(string device, string serverOs)
    {
        if (serverOs == "windows")
        {
            return new DeviceMapping { PathOnHost = device };
        }

        if (device.Count(c => c == ':') > 2 || device.Split(':')[0].Length == 0)
        {
            throw new FormatException($"bad format for path: {device}");
        }

        var parts = device.Split(':', 3);
        var source = parts[0];
        var target = "";
        var permissions = "rwm";
        switch (parts.Length)
        {
            case 3:
                if (!IsDeviceMode(parts[2]))
                {
                    throw new FormatException($"bad mode specified: {parts[2]}");
                }

                target = parts[1];
                permissions = parts[2];
                break;
            case 2:
                if (IsDeviceMode(parts[1]))
                {
                    permissions = parts[1];
                }
                else
                {
                    target = parts[1];
                }

                break;
        }

        var containerPath = target.Length > 0 ? target : source;
        if (!containerPath.StartsWith('/'))
        {
            throw new FormatException($"{containerPath} is not an absolute path");
        }

        return new DeviceMapping { PathOnHost = source, PathInContainer = containerPath, CgroupPermissions = permissions };
    }

    private static bool IsDeviceMode(string mode) =>
        mode.Length is > 0 and <= 3 && mode.All(c => c is 'r' or 'w' or 'm') && mode.Distinct().Count() == mode.Length;

    private static bool ValidPidMode(string mode)
    {
        var parts = mode.Split(':');
        return parts[0] switch
        {
            "" or "host" => true,
            "container" => parts.Length == 2 && parts[1].Length > 0,
            _ => false,
        };
    }

    private static WeightDevice WeightDevice(string value)
    {
        var colon = value.LastIndexOf(':');
        return new WeightDevice { Path = value[..colon], Weight = int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture) };
    }

    private static ThrottleDevice Throttle(string value, bool bytes)
    {
        var colon = value.LastIndexOf(':');
        var rate = value[(colon + 1)..];
        return new ThrottleDevice { Path = value[..colon], Rate = bytes ? MemorySize.Parse(rate) : long.Parse(rate, CultureInfo.InvariantCulture) };
    }

    /// <summary>Env files first, then -e (later wins in the container); labels likewise.</summary>
    private static List<string>? ReadKeyValues(List<string> files, List<string> overrides, Func<string, string?>? lookup)
    {
        var values = new List<string>();
        foreach (var file in files)
        {
            values.AddRange(KeyValueFile.Read(file, lookup));
        }

        values.AddRange(overrides);
        return values.Count > 0 ? values : null;
    }

    private static Dictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        var map = new Dictionary<string, string>();
        foreach (var (key, value) in pairs ?? [])
        {
            map[key] = value;
        }

        return new Dictionary<string, string>(map.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static KeyValuePair<string, string> Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new(pair, "") : new(pair[..equals], pair[(equals + 1)..]);
    }

    private static List<string>? NullIfEmpty(List<string> values) => values.Count > 0 ? values : null;

    private List<string> Strings(Option<string[]> option) => [.. parse.GetValue(option) ?? []];

    private string Text(Option<string> option) => parse.GetValue(option) ?? "";

    private long Bytes(Option<string> option) => Text(option) is { Length: > 0 } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;

    private long Duration(Option<string> option) => Bytes(option);

    private bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
}
