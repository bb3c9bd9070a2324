using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// docker stats: GET /containers/{id}/stats for each container, CPU and memory computed as docker
/// computes them; with --no-stream one table, otherwise the table redrawn every second.
/// </summary>
internal sealed class StatsCommand : DockerCommand
{
    private const string DefaultTable = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Container"] = "CONTAINER",
        ["ID"] = "CONTAINER ID",
        ["Name"] = "NAME",
        ["CPUPerc"] = "CPU %",
        ["MemUsage"] = "MEM USAGE / LIMIT",
        ["MemPerc"] = "MEM %",
        ["NetIO"] = "NET I/O",
        ["BlockIO"] = "BLOCK I/O",
        ["PIDs"] = "PIDS",
    };

    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Show all containers (default shows just running)");
    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<bool> _noStream = Flags.Bool("no-stream", null, "Disable streaming stats and only pull the first result");
    private readonly Flag<bool> _noTrunc = Flags.Bool("no-trunc", null, "Do not truncate output");

    public StatsCommand()
        : base("stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", ArgsRule.Any)
    {
        AliasesText = "docker container stats, docker stats";
        Add(_all);
        Add(_format);
        Add(_noStream);
        Add(_noTrunc);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var names = parse.GetValue(Operands)!.ToList();
        if (names.Count == 0)
        {
            var running = await context.Client.Containers.ListAsync(parse.GetValue(_all), 0, false, null, ct).ConfigureAwait(false);
            names = [.. running.Select(c => c.Id)];
        }

        var format = parse.GetValue(_format) is { Length: > 0 } given && given != "table" ? given : DefaultTable;
        var truncate = !parse.GetValue(_noTrunc);
        var stream = !parse.GetValue(_noStream);
        while (true)
        {
            // one reading takes the daemon a second (it primes the CPU figures): take them all at once
            var next = Task.Delay(TimeSpan.FromSeconds(1), ct);
            var samples = names.Select(name => TrySampleAsync(context, name, truncate, ct)).ToList();
            await Task.WhenAll(samples).ConfigureAwait(false);
            var rows = samples.Where(s => s.Result.Row is not null).Select(s => s.Result.Row!).ToList();
            var errors = samples.Where(s => s.Result.Error is not null).Select(s => s.Result.Error!).ToList();
            if (!stream && errors.Count > 0)
            {
                throw new CliStatusException(1, string.Join('\n', errors));
            }

            var table = ListFormatter.Render(format, rows, Headers);
            await context.Out.WriteAsync(stream && context.Streams.OutIsTerminal ? "\u001b[2J\u001b[H" + table : table).ConfigureAwait(false);
            if (!stream)
            {
                return 0;
            }

            await next.ConfigureAwait(false);
        }
    }

    private static async Task<(TemplateRow? Row, string? Error)> TrySampleAsync(CliContext context, string container, bool truncate, CancellationToken ct)
    {
        try
        {
            return (await SampleAsync(context, container, truncate, ct).ConfigureAwait(false), null);
        }
        catch (Exception e) when (Batch.IsReportable(e))
        {
            return (null, e.Message);
        }
    }

    private static async Task<TemplateRow> SampleAsync(CliContext context, string container, bool truncate, CancellationToken ct)
    {
        await using var response = await context.Client.Containers.StatsAsync(container, stream: false, ct).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(response.Body, cancellationToken: ct).ConfigureAwait(false);
        var stats = document.RootElement;
        var id = Text(stats, "id");
        var name = Text(stats, "name").TrimStart('/');
        var cpu = CpuPercent(stats);
        var memory = Memory(stats);
        var limit = Number(stats, "memory_stats", "limit");
        var (rx, tx) = Network(stats);
        var (read, write) = BlockIo(stats);
        var pids = Number(stats, "pids_stats", "current");
        return new TemplateRow("*container.statsContext", new Dictionary<string, Func<object?>>
        {
            ["Container"] = () => container,
            ["Name"] = () => name,
            ["ID"] = () => truncate ? DisplayText.TruncateId(id) : id,
            ["CPUPerc"] = () => Percent(cpu),
            ["MemUsage"] = () => $"{DisplayText.BytesSize(memory)} / {DisplayText.BytesSize(limit)}",
            ["MemPerc"] = () => Percent(limit != 0 ? memory / limit * 100 : 0),
            ["NetIO"] = () => $"{DisplayText.HumanSize(rx, 3)} / {DisplayText.HumanSize(tx, 3)}",
            ["BlockIO"] = () => $"{DisplayText.HumanSize(read, 3)} / {DisplayText.HumanSize(write, 3)}",
            ["PIDs"] = () => ((long)pids).ToString(CultureInfo.InvariantCulture),
        });
    }

    private static double CpuPercent(JsonElement stats)
    {
        var cpuDelta = Number(stats, "cpu_stats", "cpu_usage", "total_usage") - Number(stats, "precpu_stats", "cpu_usage", "total_usage");
        var systemDelta = Number(stats, "cpu_stats", "system_cpu_usage") - Number(stats, "precpu_stats", "system_cpu_usage");
        var cpus = Number(stats, "cpu_stats", "online_cpus");
        if (cpus == 0 && stats.TryGetProperty("cpu_stats", out var cpu) && cpu.TryGetProperty("cpu_usage", out var usage) &&
            usage.TryGetProperty("percpu_usage", out var perCpu) && perCpu.ValueKind == JsonValueKind.Array)
        {
            cpus = perCpu.GetArrayLength();
        }

        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
    }

    /// <summary>Usage without the page cache: total_inactive_file (cgroup v1) or inactive_file (v2) subtracted.</summary>
    private static double Memory(JsonElement stats)
    {
        var usage = Number(stats, "memory_stats", "usage");
        if (stats.TryGetProperty("memory_stats", out var memory) && memory.TryGetProperty("stats", out var detail) && detail.ValueKind == JsonValueKind.Object)
        {
            if (detail.TryGetProperty("total_inactive_file", out var v1) && v1.GetDouble() < usage)
            {
                return usage - v1.GetDouble();
            }

            if (detail.TryGetProperty("inactive_file", out var v2) && v2.GetDouble() < usage)
            {
                return usage - v2.GetDouble();
            }
        }

        return usage;
    }

    private static (double Rx, double Tx) Network(JsonElement stats)
    {
        double rx = 0, tx = 0;
        if (stats.TryGetProperty("networks", out var networks) && networks.ValueKind == JsonValueKind.Object)
        {
            foreach (var network in networks.EnumerateObject())
            {
                rx += Number(network.Value, "rx_bytes");
                tx += Number(network.Value, "tx_bytes");
            }
        }

        return (rx, tx);
    }

    private static (double Read, double Write) BlockIo(JsonElement stats)
    {
        double read = 0, write = 0;
        if (stats.TryGetProperty("blkio_stats", out var blkio) && blkio.TryGetProperty("io_service_bytes_recursive", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                var op = Text(entry, "op");
                if (op.Length > 0 && char.ToLowerInvariant(op[0]) == 'r')
                {
                    read += Number(entry, "value");
                }
                else if (op.Length > 0 && char.ToLowerInvariant(op[0]) == 'w')
                {
                    write += Number(entry, "value");
                }
            }
        }

        return (read, write);
    }

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return 0;
            }
        }

        return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : 0;
    }
}
