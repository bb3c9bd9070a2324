using System.CommandLine;
using System.Globalization;
using System.Text;
using Berth.Api.Contracts.System;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker system df: GET /system/df summarized per type, or listed object by object with -v.</summary>
internal sealed class DiskUsageCommand : DockerCommand
{
    private static readonly IReadOnlyDictionary<string, string> SummaryHeaders = new Dictionary<string, string>
    {
        ["Type"] = "TYPE",
        ["TotalCount"] = "TOTAL",
        ["Active"] = "ACTIVE",
        ["Size"] = "SIZE",
        ["Reclaimable"] = "RECLAIMABLE",
    };

    private readonly Flag<string> _format = Flags.String("format", null, "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
    private readonly Flag<bool> _verbose = Flags.Bool("verbose", 'v', "Show detailed information on space usage");

    public DiskUsageCommand()
        : base("df", "[OPTIONS]", "Show docker disk usage", ArgsRule.None)
    {
        Add(_format);
        Add(_verbose);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var usage = await context.Client.System.DiskUsageAsync(ct).ConfigureAwait(false);
        var format = parse.GetValue(_format) is { Length: > 0 } given ? given : "table";
        var output = parse.GetValue(_verbose) && format == "table" ? Verbose(usage) : ListFormatter.Render(SummaryFormat(format), Summary(usage), SummaryHeaders);
        await context.Out.WriteAsync(output).ConfigureAwait(false);
        return 0;
    }

    private static string SummaryFormat(string format) => format switch
    {
        "table" => "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
        "raw" => "type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n",
        _ => format,
    };

    private static IEnumerable<TemplateRow> Summary(DiskUsage usage)
    {
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string WithPercent(long reclaimable, long total) =>
            total > 0 ? $"{DisplayText.HumanSize(reclaimable)} ({(reclaimable * 100 / total).ToString(CultureInfo.InvariantCulture)}%)" : DisplayText.HumanSize(reclaimable);
        static TemplateRow Row(string type, string total, string active, string size, string reclaimable) =>
            new("*formatter.diskUsageContext", new Dictionary<string, Func<object?>>
            {
                ["Type"] = () => type,
                ["TotalCount"] = () => total,
                ["Active"] = () => active,
                ["Size"] = () => size,
                ["Reclaimable"] = () => reclaimable,
            });

        var usedByImages = usage.Images.Where(i => i.Containers != 0 && i.Size != -1 && i.SharedSize != -1).Sum(i => i.Size - i.SharedSize);
        yield return Row("Images", Count(usage.Images.Count), Count(usage.Images.Count(i => i.Containers > 0)), DisplayText.HumanSize(usage.LayersSize), WithPercent(usage.LayersSize - usedByImages, usage.LayersSize));

        static bool Active(string state) => state is "running" or "paused" or "restarting";
        var containerSize = usage.Containers.Sum(c => c.SizeRw ?? 0);
        var containerReclaimable = usage.Containers.Where(c => !Active(c.State)).Sum(c => c.SizeRw ?? 0);
        yield return Row("Containers", Count(usage.Containers.Count), Count(usage.Containers.Count(c => Active(c.State))), DisplayText.HumanSize(containerSize), WithPercent(containerReclaimable, containerSize));

        var volumeSize = usage.Volumes.Where(v => v.UsageData is { Size: not -1 }).Sum(v => v.UsageData!.Size);
        var volumeReclaimable = usage.Volumes.Where(v => v.UsageData is { Size: not -1, RefCount: 0 }).Sum(v => v.UsageData!.Size);
        yield return Row("Local Volumes", Count(usage.Volumes.Count), Count(usage.Volumes.Count(v => v.UsageData is { RefCount: > 0 })), DisplayText.HumanSize(volumeSize), WithPercent(volumeReclaimable, volumeSize));

        var cacheSize = usage.BuildCache.Sum(b => b.Size);
        yield return Row("Build Cache", Count(usage.BuildCache.Count), "0", DisplayText.HumanSize(cacheSize), DisplayText.HumanSize(cacheSize));
    }

    private static string Verbose(DiskUsage usage)
    {
        var now = DateTimeOffset.UtcNow;
        var output = new StringBuilder("Images space usage:\n\n");
        output.Append(ListFormatter.Render(
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}",
            usage.Images.SelectMany(i => ImageRows.Rows([i], "", truncate: true, showDigests: false, now).Take(1)),
            ImageRows.Headers));
        output.Append("\nContainers space usage:\n\n");
        output.Append(ListFormatter.Render(
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}",
            usage.Containers.Select(c => { c.SizeRootFs = 0; return ContainerRows.Row(c, truncate: true, now); }),
            ContainerRows.Headers));
        output.Append("\nLocal Volumes space usage:\n\n");
        output.Append(ListFormatter.Render(
            "table {{.Name}}\t{{.Links}}\t{{.Size}}",
            usage.Volumes.Select(v => new TemplateRow("*formatter.volumeContext", new Dictionary<string, Func<object?>>
            {
                ["Name"] = () => v.Name,
                ["Links"] = () => v.UsageData is null ? "N/A" : v.UsageData.RefCount.ToString(CultureInfo.InvariantCulture),
                ["Size"] = () => v.UsageData is null ? "N/A" : DisplayText.HumanSize(v.UsageData.Size),
            })),
            new Dictionary<string, string> { ["Name"] = "VOLUME NAME", ["Links"] = "LINKS", ["Size"] = "SIZE" }));
        output.Append(CultureInfo.InvariantCulture, $"\nBuild cache usage: {DisplayText.HumanSize(usage.BuildCache.Sum(b => b.Size))}\n\n");
        output.Append(ListFormatter.Render(
            "table {{.ID}}\t{{.Size}}",
            usage.BuildCache.Select(b => new TemplateRow("*formatter.buildCacheContext", new Dictionary<string, Func<object?>>
            {
                ["ID"] = () => b.ID,
                ["Size"] = () => DisplayText.HumanSize(b.Size),
            })),
            new Dictionary<string, string> { ["ID"] = "CACHE ID", ["Size"] = "SIZE" }));
        return output.ToString();
    }
}
