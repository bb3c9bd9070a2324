using System.CommandLine;
using System.Globalization;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands.Container;

/// <summary>docker update: POST /containers/{id}/update with the given resources and restart policy.</summary>
internal sealed class UpdateCommand : DockerCommand
{
    private readonly Flag<long> _blkioWeight = Flags.Unsigned("blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)", "uint16", ushort.MaxValue);
    private readonly Flag<long> _cpuPeriod = Flags.Int64("cpu-period", null, "Limit CPU CFS (Completely Fair Scheduler) period");
    private readonly Flag<long> _cpuQuota = Flags.Int64("cpu-quota", null, "Limit CPU CFS (Completely Fair Scheduler) quota");
    private readonly Flag<long> _cpuRtPeriod = Flags.Int64("cpu-rt-period", null, "Limit the CPU real-time period in microseconds");
    private readonly Flag<long> _cpuRtRuntime = Flags.Int64("cpu-rt-runtime", null, "Limit the CPU real-time runtime in microseconds");
    private readonly Flag<string> _cpusetCpus = Flags.String("cpuset-cpus", null, "CPUs in which to allow execution (0-3, 0,1)");
    private readonly Flag<string> _cpusetMems = Flags.String("cpuset-mems", null, "MEMs in which to allow execution (0-3, 0,1)");
    private readonly Flag<long> _cpuShares = Flags.Int64("cpu-shares", 'c', "CPU shares (relative weight)");
    private readonly Flag<string> _memory = Flags.Value("memory", 'm', "bytes", "Memory limit", FlagValidators.Bytes);
    private readonly Flag<string> _memoryReservation = Flags.Value("memory-reservation", null, "bytes", "Memory soft limit", FlagValidators.Bytes);
    private readonly Flag<string> _memorySwap = Flags.Value("memory-swap", null, "bytes", "Swap limit equal to memory plus swap: -1 to enable unlimited swap", FlagValidators.SwapBytes);
    private readonly Flag<string> _kernelMemory = Flags.Value("kernel-memory", null, "bytes", "Kernel memory limit (deprecated)", FlagValidators.Bytes, hidden: true);
    private readonly Flag<string> _restart = Flags.String("restart", null, "Restart policy to apply when a container exits");
    private readonly Flag<long> _pidsLimit = Flags.Int64("pids-limit", null, "Tune container pids limit (set -1 for unlimited)");
    private readonly Flag<string> _cpus = Flags.Value("cpus", null, "decimal", "Number of CPUs", FlagValidators.Decimal);

    public UpdateCommand()
        : base("update", "[OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container update, docker update";
        Add(_blkioWeight);
        Add(_cpuPeriod);
        Add(_cpuQuota);
        Add(_cpuRtPeriod);
        Add(_cpuRtRuntime);
        Add(_cpusetCpus);
        Add(_cpusetMems);
        Add(_cpuShares);
        Add(_memory);
        Add(_memoryReservation);
        Add(_memorySwap);
        Add(_kernelMemory);
        Add(_restart);
        Add(_pidsLimit);
        Add(_cpus);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (!DeclaredFlags.Any(f => Given(parse, f.Option)))
        {
            throw new CliStatusException(1, "you must provide one or more flags when using this command");
        }

        RestartPolicy restart;
        try
        {
            restart = CreateRequestBuilder.ParseRestartPolicy(parse.GetValue(_restart) ?? "");
        }
        catch (FormatException e)
        {
            throw new CliStatusException(1, e.Message);
        }

        long Bytes(Flag<string> flag) => parse.GetValue(flag) is { Length: > 0 } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        var update = new HostConfig
        {
            BlkioWeight = (int)parse.GetValue(_blkioWeight),
            CpusetCpus = parse.GetValue(_cpusetCpus) ?? "",
            CpusetMems = parse.GetValue(_cpusetMems) ?? "",
            CpuShares = parse.GetValue(_cpuShares),
            Memory = Bytes(_memory),
            MemoryReservation = Bytes(_memoryReservation),
            MemorySwap = Bytes(_memorySwap),
            CpuPeriod = parse.GetValue(_cpuPeriod),
            CpuQuota = parse.GetValue(_cpuQuota),
            CpuRealtimePeriod = parse.GetValue(_cpuRtPeriod),
            CpuRealtimeRuntime = parse.GetValue(_cpuRtRuntime),
            NanoCpus = Bytes(_cpus),
            PidsLimit = parse.GetValue(_pidsLimit) is var pids and not 0 ? pids : null,
            RestartPolicy = restart,
        };

        var warnings = new List<string>();
        var errors = new List<string>();
        foreach (var container in parse.GetValue(Operands)!)
        {
            try
            {
                var response = await context.Client.Containers.UpdateAsync(container, update, ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync(container).ConfigureAwait(false);
                warnings.AddRange(response.Warnings);
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                errors.Add(e.Message);
            }
        }

        if (warnings.Count > 0)
        {
            await context.Out.WriteLineAsync(string.Join('\n', warnings)).ConfigureAwait(false);
        }

        return errors.Count > 0 ? throw new CliStatusException(1, string.Join('\n', errors)) : 0;
    }
}
