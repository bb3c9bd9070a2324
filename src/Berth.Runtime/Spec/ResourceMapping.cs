using Berth.Runtime.Oci;

namespace Berth.Runtime.Spec;

/// <summary>Docker's resource flags as cgroup settings: memory, CPU, pids, and the device rules.</summary>
internal static class ResourceMapping
{
    /// <summary>--cpus is a quota per this period (100 ms), as Docker sets it.</summary>
    internal const long CpuPeriod = 100_000;

    public static OciResources For(ContainerSpec spec)
    {
        var resources = ForLimits(spec.Resources);
        resources.Devices = DeviceRules.For(spec.Privileged);
        return resources;
    }

    /// <summary>The limits alone, as <c>update --resources</c> takes them.</summary>
    public static OciResources ForLimits(ResourceLimits r)
    {
        var resources = new OciResources();
        if (r.MemoryBytes is not null || r.MemoryReservationBytes is not null)
        {
            resources.Memory = new OciMemory
            {
                Limit = r.MemoryBytes,
                Reservation = r.MemoryReservationBytes,
                // Docker's default: as much swap as memory, i.e. memory+swap twice the limit
                Swap = r.MemoryBytes is { } limit ? r.MemorySwapBytes ?? limit * 2 : null,
            };
        }

        if (r.NanoCpus is not null || r.CpuQuota is not null || r.CpuPeriod is not null || r.CpuShares is not null || r.CpusetCpus is not null)
        {
            var period = r.CpuPeriod ?? (r.NanoCpus is not null ? CpuPeriod : null);
            resources.Cpu = new OciCpu
            {
                Period = period is { } p ? (ulong)p : null,
                Quota = r.CpuQuota ?? (r.NanoCpus is { } nano ? nano * CpuPeriod / 1_000_000_000 : null),
                Shares = r.CpuShares is { } shares ? (ulong)shares : null,
                Cpus = r.CpusetCpus,
            };
        }

        if (r.PidsLimit is { } pids)
        {
            resources.Pids = new OciPids { Limit = pids };
        }

        return resources;
    }
}
