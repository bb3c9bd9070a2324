using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>Refuses host settings Docker refuses, with Docker's messages (daemon/daemon_unix.go verifyPlatformContainerResources).</summary>
public static class HostSettingsValidator
{
    private const long MinimumMemory = 6 * 1024 * 1024;

    public static void Validate(HostSettings host, int cpuCount)
    {
        if (host.Memory != 0 && host.Memory < MinimumMemory)
        {
            throw Errors.InvalidArgument("Minimum memory limit allowed is 6MB");
        }

        if (host.Memory > 0 && host.MemorySwap > 0 && host.MemorySwap < host.Memory)
        {
            throw Errors.InvalidArgument("Minimum memoryswap limit should be larger than memory limit, see usage");
        }

        if (host.Memory == 0 && host.MemorySwap > 0)
        {
            throw Errors.InvalidArgument("You should always set the Memory limit when using Memoryswap limit, see usage");
        }

        if (host.MemoryReservation != 0 && host.MemoryReservation < MinimumMemory)
        {
            throw Errors.InvalidArgument("Minimum memory reservation allowed is 6MB");
        }

        if (host.Memory > 0 && host.MemoryReservation > 0 && host.Memory < host.MemoryReservation)
        {
            throw Errors.InvalidArgument("Minimum memory limit can not be less than memory reservation limit, see usage");
        }

        if (host.MemorySwappiness is { } swappiness && swappiness != -1 && (swappiness < 0 || swappiness > 100))
        {
            throw Errors.InvalidArgument($"Invalid value: {swappiness}, valid memory swappiness range is 0-100");
        }

        if (host.NanoCpus > 0 && host.CpuPeriod > 0)
        {
            throw Errors.InvalidArgument("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }

        if (host.NanoCpus > 0 && host.CpuQuota > 0)
        {
            throw Errors.InvalidArgument("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }

        if (host.NanoCpus < 0 || host.NanoCpus > cpuCount * 1_000_000_000L)
        {
            throw Errors.InvalidArgument($"Range of CPUs is from 0.01 to {cpuCount}.00, as there are only {cpuCount} CPUs available");
        }

        if (host.CpuPeriod != 0 && (host.CpuPeriod < 1000 || host.CpuPeriod > 1_000_000))
        {
            throw Errors.InvalidArgument("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }

        if (host.CpuQuota > 0 && host.CpuQuota < 1000)
        {
            throw Errors.InvalidArgument("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }

        if (host.ShmSize < 0)
        {
            throw Errors.InvalidArgument("SHM size can not be less than 0");
        }

        if (host.OomScoreAdj is < -1000 or > 1000)
        {
            throw Errors.InvalidArgument($"Invalid value {host.OomScoreAdj}, range for oom score adj is [-1000, 1000]");
        }

        ValidateRestartPolicy(host);
    }

    private static void ValidateRestartPolicy(HostSettings host)
    {
        var policy = host.RestartPolicy;
        switch (policy.Name)
        {
            case "" or "no":
                if (policy.MaximumRetryCount != 0)
                {
                    throw Errors.InvalidArgument($"invalid restart policy: maximum retry count can only be used with 'on-failure'");
                }

                return;
            case "always" or "unless-stopped":
                if (policy.MaximumRetryCount != 0)
                {
                    throw Errors.InvalidArgument("invalid restart policy: maximum retry count can only be used with 'on-failure'");
                }

                break;
            case "on-failure":
                if (policy.MaximumRetryCount < 0)
                {
                    throw Errors.InvalidArgument("invalid restart policy: maximum retry count cannot be negative");
                }

                break;
            default:
                throw Errors.InvalidArgument($"invalid restart policy: unknown policy '{policy.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }

        if (host.AutoRemove)
        {
            throw Errors.InvalidArgument("can't create 'AutoRemove' container with restart policy");
        }
    }
}
