using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Options;

/// <summary>The flags docker run and docker create share (container/opts.go addFlags), with docker's help texts.</summary>
internal sealed class ContainerFlags
{
    public Flag<string[]> Attach { get; } = Flags.List("attach", 'a', "Attach to STDIN, STDOUT or STDERR", validate: FlagValidators.Attach);
    public Flag<string[]> DeviceCgroupRule { get; } = Flags.List("device-cgroup-rule", null, "Add a rule to the cgroup allowed devices list", validate: FlagValidators.DeviceCgroupRule);
    public Flag<string[]> Device { get; } = Flags.List("device", null, "Add a host device to the container");
    public Flag<string[]> Gpus { get; } = Flags.List("gpus", null, "GPU devices to add to the container ('all' to pass all GPUs)", "gpu-request", FlagValidators.Gpus);
    public Flag<string[]> Env { get; } = Flags.List("env", 'e', "Set environment variables", validate: FlagValidators.Env);
    public Flag<string[]> EnvFile { get; } = Flags.List("env-file", null, "Read in a file of environment variables");
    public Flag<string> Entrypoint { get; } = Flags.String("entrypoint", null, "Overwrite the default ENTRYPOINT of the image");
    public Flag<string[]> GroupAdd { get; } = Flags.List("group-add", null, "Add additional groups to join");
    public Flag<string> Hostname { get; } = Flags.String("hostname", 'h', "Container host name");
    public Flag<string> Domainname { get; } = Flags.String("domainname", null, "Container NIS domain name");
    public Flag<bool> Interactive { get; } = Flags.Bool("interactive", 'i', "Keep STDIN open even if not attached");
    public Flag<string[]> Label { get; } = Flags.List("label", 'l', "Set meta data on a container", validate: FlagValidators.Label);
    public Flag<string[]> LabelFile { get; } = Flags.List("label-file", null, "Read in a line delimited file of labels");
    public Flag<bool> ReadOnly { get; } = Flags.Bool("read-only", null, "Mount the container's root filesystem as read only");
    public Flag<string> Restart { get; } = Flags.String("restart", null, "Restart policy to apply when a container exits", "no");
    public Flag<string> StopSignal { get; } = Flags.String("stop-signal", null, "Signal to stop the container");
    public Flag<int> StopTimeout { get; } = Flags.Int("stop-timeout", null, "Timeout (in seconds) to stop a container");
    public Flag<string[]> Sysctl { get; } = Flags.List("sysctl", null, "Sysctl options", "map", FlagValidators.Sysctl, "map[]");
    public Flag<bool> Tty { get; } = Flags.Bool("tty", 't', "Allocate a pseudo-TTY");
    public Flag<string[]> Ulimit { get; } = Flags.List("ulimit", null, "Ulimit options", "ulimit", FlagValidators.Ulimit, "[]");
    public Flag<string> User { get; } = Flags.String("user", 'u', "Username or UID (format: <name|uid>[:<group|gid>])");
    public Flag<string> Workdir { get; } = Flags.String("workdir", 'w', "Working directory inside the container");
    public Flag<bool> Remove { get; } = Flags.Bool("rm", null, "Automatically remove the container and its associated anonymous volumes when it exits");

    public Flag<string[]> CapAdd { get; } = Flags.List("cap-add", null, "Add Linux capabilities");
    public Flag<string[]> CapDrop { get; } = Flags.List("cap-drop", null, "Drop Linux capabilities");
    public Flag<bool> Privileged { get; } = Flags.Bool("privileged", null, "Give extended privileges to this container");
    public Flag<string[]> SecurityOpt { get; } = Flags.List("security-opt", null, "Security Options");
    public Flag<string> Userns { get; } = Flags.String("userns", null, "User namespace to use");
    public Flag<string> Cgroupns { get; } = Flags.String("cgroupns", null, "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)");

    public Flag<string[]> AddHost { get; } = Flags.List("add-host", null, "Add a custom host-to-IP mapping (host:ip)", validate: FlagValidators.ExtraHost);
    public Flag<string[]> Dns { get; } = Flags.List("dns", null, "Set custom DNS servers", validate: FlagValidators.IpAddress);
    public Flag<string[]> DnsOpt { get; } = Flags.List("dns-opt", null, "Set DNS options", hidden: true);
    public Flag<string[]> DnsOption { get; } = Flags.List("dns-option", null, "Set DNS options");
    public Flag<string[]> DnsSearch { get; } = Flags.List("dns-search", null, "Set custom DNS search domains", validate: FlagValidators.DnsSearch);
    public Flag<string[]> Expose { get; } = Flags.List("expose", null, "Expose a port or a range of ports");
    public Flag<string> Ip { get; } = Flags.String("ip", null, "IPv4 address (e.g., 172.30.100.104)");
    public Flag<string> Ip6 { get; } = Flags.String("ip6", null, "IPv6 address (e.g., 2001:db8::33)");
    public Flag<string[]> Link { get; } = Flags.List("link", null, "Add link to another container", validate: FlagValidators.Link);
    public Flag<string[]> LinkLocalIp { get; } = Flags.List("link-local-ip", null, "Container IPv4/IPv6 link-local addresses");
    public Flag<string> MacAddress { get; } = Flags.String("mac-address", null, "Container MAC address (e.g., 92:d0:c6:0a:29:33)");
    public Flag<string[]> Publish { get; } = Flags.List("publish", 'p', "Publish a container's port(s) to the host");
    public Flag<bool> PublishAll { get; } = Flags.Bool("publish-all", 'P', "Publish all exposed ports to random ports");
    public Flag<string[]> Net { get; } = Flags.List("net", null, "Connect a container to a network", "network", FlagValidators.Network, hidden: true);
    public Flag<string[]> Network { get; } = Flags.List("network", null, "Connect a container to a network", "network", FlagValidators.Network);
    public Flag<string[]> NetAlias { get; } = Flags.List("net-alias", null, "Add network-scoped alias for the container", hidden: true);
    public Flag<string[]> NetworkAlias { get; } = Flags.List("network-alias", null, "Add network-scoped alias for the container");

    public Flag<string> LogDriver { get; } = Flags.String("log-driver", null, "Logging driver for the container");
    public Flag<string> VolumeDriver { get; } = Flags.String("volume-driver", null, "Optional volume driver for the container");
    public Flag<string[]> LogOpt { get; } = Flags.List("log-opt", null, "Log driver options");
    public Flag<string[]> StorageOpt { get; } = Flags.List("storage-opt", null, "Storage driver options for the container");
    public Flag<string[]> Tmpfs { get; } = Flags.List("tmpfs", null, "Mount a tmpfs directory");
    public Flag<string[]> VolumesFrom { get; } = Flags.List("volumes-from", null, "Mount volumes from the specified container(s)");
    public Flag<string[]> Volume { get; } = Flags.List("volume", 'v', "Bind mount a volume");
    public Flag<string[]> Mount { get; } = Flags.List("mount", null, "Attach a filesystem mount to the container", "mount", FlagValidators.Mount);

    public Flag<string> HealthCmd { get; } = Flags.String("health-cmd", null, "Command to run to check health");
    public Flag<string> HealthInterval { get; } = Flags.Value("health-interval", null, "duration", "Time between running the check (ms|s|m|h) (default 0s)", FlagValidators.Duration);
    public Flag<int> HealthRetries { get; } = Flags.Int("health-retries", null, "Consecutive failures needed to report unhealthy");
    public Flag<string> HealthTimeout { get; } = Flags.Value("health-timeout", null, "duration", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)", FlagValidators.Duration);
    public Flag<string> HealthStartPeriod { get; } = Flags.Value("health-start-period", null, "duration", "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)", FlagValidators.Duration);
    public Flag<string> HealthStartInterval { get; } = Flags.Value("health-start-interval", null, "duration", "Time between running the check during the start period (ms|s|m|h) (default 0s)", FlagValidators.Duration);
    public Flag<bool> NoHealthcheck { get; } = Flags.Bool("no-healthcheck", null, "Disable any container-specified HEALTHCHECK");

    public Flag<long> BlkioWeight { get; } = Flags.Unsigned("blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)", "uint16", ushort.MaxValue);
    public Flag<string[]> BlkioWeightDevice { get; } = Flags.List("blkio-weight-device", null, "Block IO weight (relative device weight)", validate: FlagValidators.WeightDevice, defaultText: "[]");
    public Flag<string> Cidfile { get; } = Flags.String("cidfile", null, "Write the container ID to the file");
    public Flag<string> CpusetCpus { get; } = Flags.String("cpuset-cpus", null, "CPUs in which to allow execution (0-3, 0,1)");
    public Flag<string> CpusetMems { get; } = Flags.String("cpuset-mems", null, "MEMs in which to allow execution (0-3, 0,1)");
    public Flag<long> CpuCount { get; } = Flags.Int64("cpu-count", null, "CPU count (Windows only)");
    public Flag<long> CpuPercent { get; } = Flags.Int64("cpu-percent", null, "CPU percent (Windows only)");
    public Flag<long> CpuPeriod { get; } = Flags.Int64("cpu-period", null, "Limit CPU CFS (Completely Fair Scheduler) period");
    public Flag<long> CpuQuota { get; } = Flags.Int64("cpu-quota", null, "Limit CPU CFS (Completely Fair Scheduler) quota");
    public Flag<long> CpuRtPeriod { get; } = Flags.Int64("cpu-rt-period", null, "Limit CPU real-time period in microseconds");
    public Flag<long> CpuRtRuntime { get; } = Flags.Int64("cpu-rt-runtime", null, "Limit CPU real-time runtime in microseconds");
    public Flag<long> CpuShares { get; } = Flags.Int64("cpu-shares", 'c', "CPU shares (relative weight)");
    public Flag<string> Cpus { get; } = Flags.Value("cpus", null, "decimal", "Number of CPUs", FlagValidators.Decimal);
    public Flag<string[]> DeviceReadBps { get; } = Flags.List("device-read-bps", null, "Limit read rate (bytes per second) from a device", validate: FlagValidators.ThrottleBps, defaultText: "[]");
    public Flag<string[]> DeviceReadIops { get; } = Flags.List("device-read-iops", null, "Limit read rate (IO per second) from a device", validate: FlagValidators.ThrottleIops, defaultText: "[]");
    public Flag<string[]> DeviceWriteBps { get; } = Flags.List("device-write-bps", null, "Limit write rate (bytes per second) to a device", validate: FlagValidators.ThrottleBps, defaultText: "[]");
    public Flag<string[]> DeviceWriteIops { get; } = Flags.List("device-write-iops", null, "Limit write rate (IO per second) to a device", validate: FlagValidators.ThrottleIops, defaultText: "[]");
    public Flag<string> IoMaxBandwidth { get; } = Flags.Value("io-maxbandwidth", null, "bytes", "Maximum IO bandwidth limit for the system drive (Windows only)", FlagValidators.Bytes);
    public Flag<long> IoMaxIops { get; } = Flags.Unsigned("io-maxiops", "Maximum IOps limit for the system drive (Windows only)", "uint", long.MaxValue);
    public Flag<string> KernelMemory { get; } = Flags.Value("kernel-memory", null, "bytes", "Kernel memory limit", FlagValidators.Bytes);
    public Flag<string> Memory { get; } = Flags.Value("memory", 'm', "bytes", "Memory limit", FlagValidators.Bytes);
    public Flag<string> MemoryReservation { get; } = Flags.Value("memory-reservation", null, "bytes", "Memory soft limit", FlagValidators.Bytes);
    public Flag<string> MemorySwap { get; } = Flags.Value("memory-swap", null, "bytes", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", FlagValidators.SwapBytes);
    public Flag<long> MemorySwappiness { get; } = Flags.Int64("memory-swappiness", null, "Tune container memory swappiness (0 to 100)", -1);
    public Flag<bool> OomKillDisable { get; } = Flags.Bool("oom-kill-disable", null, "Disable OOM Killer");
    public Flag<int> OomScoreAdj { get; } = Flags.Int("oom-score-adj", null, "Tune host's OOM preferences (-1000 to 1000)");
    public Flag<long> PidsLimit { get; } = Flags.Int64("pids-limit", null, "Tune container pids limit (set -1 for unlimited)");

    public Flag<string> CgroupParent { get; } = Flags.String("cgroup-parent", null, "Optional parent cgroup for the container");
    public Flag<string> Ipc { get; } = Flags.String("ipc", null, "IPC mode to use");
    public Flag<string> Isolation { get; } = Flags.String("isolation", null, "Container isolation technology");
    public Flag<string> Pid { get; } = Flags.String("pid", null, "PID namespace to use");
    public Flag<string> ShmSize { get; } = Flags.Value("shm-size", null, "bytes", "Size of /dev/shm", FlagValidators.Bytes);
    public Flag<string> Uts { get; } = Flags.String("uts", null, "UTS namespace to use");
    public Flag<string> Runtime { get; } = Flags.String("runtime", null, "Runtime to use for this container");
    public Flag<bool> Init { get; } = Flags.Bool("init", null, "Run an init inside the container that forwards signals and reaps processes");
    public Flag<string[]> Annotation { get; } = Flags.List("annotation", null, "Add an annotation to the container (passed through to the OCI runtime)", "map", defaultText: "map[]");

    public IEnumerable<Option> All =>
    [
        Attach, DeviceCgroupRule, Device, Gpus, Env, EnvFile, Entrypoint, GroupAdd, Hostname, Domainname, Interactive, Label,
        LabelFile, ReadOnly, Restart, StopSignal, StopTimeout, Sysctl, Tty, Ulimit, User, Workdir, Remove, CapAdd, CapDrop,
        Privileged, SecurityOpt, Userns, Cgroupns, AddHost, Dns, DnsOpt, DnsOption, DnsSearch, Expose, Ip, Ip6, Link, LinkLocalIp,
        MacAddress, Publish, PublishAll, Net, Network, NetAlias, NetworkAlias, LogDriver, VolumeDriver, LogOpt, StorageOpt, Tmpfs,
        VolumesFrom, Volume, Mount, HealthCmd, HealthInterval, HealthRetries, HealthTimeout, HealthStartPeriod,
        HealthStartInterval, NoHealthcheck, BlkioWeight, BlkioWeightDevice, Cidfile, CpusetCpus, CpusetMems, CpuCount, CpuPercent,
        CpuPeriod, CpuQuota, CpuRtPeriod, CpuRtRuntime, CpuShares, Cpus, DeviceReadBps, DeviceReadIops, DeviceWriteBps,
        DeviceWriteIops, IoMaxBandwidth, IoMaxIops, KernelMemory, Memory, MemoryReservation, MemorySwap, MemorySwappiness,
        OomKillDisable, OomScoreAdj, PidsLimit, CgroupParent, Ipc, Isolation, Pid, ShmSize, Uts, Runtime, Init, Annotation,
    ];
}
