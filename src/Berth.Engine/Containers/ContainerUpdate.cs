namespace Berth.Engine.Containers;

/// <summary>`docker update`: the resource limits and restart policy to change; zero, empty or null leaves a setting as it is.</summary>
public sealed record ContainerUpdate
{
    public long Memory { get; init; }

    public long MemorySwap { get; init; }

    public long MemoryReservation { get; init; }

    public long NanoCpus { get; init; }

    public long CpuShares { get; init; }

    public long CpuPeriod { get; init; }

    public long CpuQuota { get; init; }

    public string CpusetCpus { get; init; } = "";

    public long? PidsLimit { get; init; }

    public RestartPolicySettings? RestartPolicy { get; init; }

    /// <summary>moby's UpdateContainer: the merged settings, or Docker's refusal.</summary>
    internal HostSettings ApplyTo(HostSettings host)
    {
        if (Memory != 0 && MemorySwap == 0 && host.MemorySwap > 0 && Memory > host.MemorySwap)
        {
            throw Core.Errors.Errors.InvalidArgument("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
        }

        if (RestartPolicy is { Name.Length: > 0 } && host.AutoRemove && RestartPolicy.Name != "no")
        {
            throw Core.Errors.Errors.InvalidArgument("Restart policy cannot be updated because AutoRemove is enabled for the container");
        }

        return host with
        {
            Memory = Memory != 0 ? Memory : host.Memory,
            MemorySwap = MemorySwap != 0 ? MemorySwap : host.MemorySwap,
            MemoryReservation = MemoryReservation != 0 ? MemoryReservation : host.MemoryReservation,
            // --cpus and the cfs period/quota pairs replace each other, as in moby
            NanoCpus = NanoCpus != 0 ? NanoCpus : CpuPeriod != 0 || CpuQuota != 0 ? 0 : host.NanoCpus,
            CpuPeriod = CpuPeriod != 0 ? CpuPeriod : NanoCpus != 0 ? 0 : host.CpuPeriod,
            CpuQuota = CpuQuota != 0 ? CpuQuota : NanoCpus != 0 ? 0 : host.CpuQuota,
            CpuShares = CpuShares != 0 ? CpuShares : host.CpuShares,
            CpusetCpus = CpusetCpus.Length > 0 ? CpusetCpus : host.CpusetCpus,
            PidsLimit = PidsLimit is { } pids && pids != 0 ? pids : host.PidsLimit,
            RestartPolicy = RestartPolicy is { Name.Length: > 0 } policy ? policy : host.RestartPolicy,
        };
    }
}
