using Berth.Core.Mounts;
using Berth.Runtime;

namespace Berth.Engine.Containers;

/// <summary>Describes a container to the OCI runtime: process, mounts, limits and security, from its record.</summary>
internal static class RuntimeSpecBuilder
{
    public static ContainerSpec Build(ContainerRecord c, string bundleDir, string rootfs, ResolvedUser user, IReadOnlyList<MountSpec> mounts, Networks.NetworkSetup network)
    {
        var config = c.Config;
        var host = c.Host;
        var args = new List<string> { c.Path };
        args.AddRange(c.Args);
        var securityOptions = host.SecurityOpt;
        return new ContainerSpec
        {
            Id = c.Id,
            BundleDir = bundleDir,
            RootfsPath = rootfs,
            ReadonlyRootfs = host.ReadonlyRootfs,
            Hostname = config.Hostname,
            Domainname = config.Domainname.Length > 0 ? config.Domainname : null,
            Process = new ProcessSpec
            {
                Args = args,
                Env = ProcessEnvironment.For(config, network.LinkEnvironment),
                Cwd = config.WorkingDir.Length > 0 ? config.WorkingDir : "/",
                Uid = user.Uid,
                Gid = user.Gid,
                AdditionalGids = user.AdditionalGids,
                Terminal = config.Tty,
                ConsoleRows = (ushort)(host.ConsoleSize.Count == 2 ? host.ConsoleSize[0] : 0),
                ConsoleColumns = (ushort)(host.ConsoleSize.Count == 2 ? host.ConsoleSize[1] : 0),
                NoNewPrivileges = securityOptions.Any(o => o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true"),
            },
            Mounts = mounts,
            Resources = Limits(host),
            HostNetwork = network.HostNetwork,
            NetworkNamespacePath = network.NetnsPath,
            Privileged = host.Privileged,
            CapAdd = host.CapAdd,
            CapDrop = host.CapDrop,
            Seccomp = !securityOptions.Any(o => o is "seccomp=unconfined" or "seccomp:unconfined"),
            Sysctls = host.Sysctls,
            ShmSize = host.ShmSize,
        };
    }

    /// <summary>The cgroup limits of the host settings (zero means no limit).</summary>
    public static ResourceLimits Limits(HostSettings host) => new()
    {
        MemoryBytes = host.Memory > 0 ? host.Memory : null,
        MemorySwapBytes = host.MemorySwap != 0 ? host.MemorySwap : null,
        MemoryReservationBytes = host.MemoryReservation > 0 ? host.MemoryReservation : null,
        NanoCpus = host.NanoCpus > 0 ? host.NanoCpus : null,
        CpuShares = host.CpuShares > 0 ? host.CpuShares : null,
        CpuQuota = host.CpuQuota > 0 ? host.CpuQuota : null,
        CpuPeriod = host.CpuPeriod > 0 ? host.CpuPeriod : null,
        CpusetCpus = host.CpusetCpus.Length > 0 ? host.CpusetCpus : null,
        PidsLimit = host.PidsLimit is > 0 ? host.PidsLimit : null,
    };
}
