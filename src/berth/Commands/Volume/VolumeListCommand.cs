using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Volume;

/// <summary>docker volume ls: GET /volumes, sorted by name, "DRIVER  VOLUME NAME".</summary>
internal sealed class VolumeListCommand : DockerCommand
{
    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "ID",
        ["Name"] = "VOLUME NAME",
        ["Group"] = "GROUP",
        ["Driver"] = "DRIVER",
        ["Scope"] = "SCOPE",
        ["Availability"] = "AVAILABILITY",
        ["Mountpoint"] = "MOUNTPOINT",
        ["Labels"] = "LABELS",
        ["Links"] = "LINKS",
        ["Size"] = "SIZE",
        ["Status"] = "STATUS",
    };

    private readonly Flag<bool> _cluster = Flags.Bool("cluster", null, "Display only cluster volumes, and use cluster volume list formatting");
    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"dangling=true\")");
    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Only display volume names");

    public VolumeListCommand()
        : base("ls", "[OPTIONS]", "List volumes", ArgsRule.None, "list")
    {
        AliasesText = "docker volume ls, docker volume list";
        Add(_cluster);
        Add(_filter);
        Add(_format);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var list = await context.Client.Volumes.ListAsync(FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        var quiet = parse.GetValue(_quiet);
        var format = parse.GetValue(_format) is { Length: > 0 } given ? given : "table";
        format = format switch
        {
            "table" => quiet ? "{{.Name}}" : "table {{.Driver}}\t{{.Name}}",
            "raw" => quiet ? "name: {{.Name}}" : "name: {{.Name}}\\ndriver: {{.Driver}}\\n",
            _ => format,
        };
        var rows = list.Volumes
            .Where(v => !parse.GetValue(_cluster))
            .OrderBy(v => v.Name, Comparer<string>.Create(NaturalOrder.Compare))
            .Select(v => new TemplateRow("*formatter.volumeContext", new Dictionary<string, Func<object?>>
            {
                ["Name"] = () => v.Name,
                ["Driver"] = () => v.Driver,
                ["Scope"] = () => v.Scope,
                ["Mountpoint"] = () => v.Mountpoint,
                ["Labels"] = () => string.Join(',', (v.Labels ?? []).Select(l => l.Key + "=" + l.Value)),
                ["Links"] = () => v.UsageData is null ? "N/A" : v.UsageData.RefCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Size"] = () => v.UsageData is null ? "N/A" : DisplayText.HumanSize(v.UsageData.Size),
                ["Group"] = () => "N/A",
                ["Availability"] = () => "N/A",
                ["Status"] = () => "N/A",
            }, (name, arguments) => name == "Label" && arguments is [string label] ? (v.Labels ?? []).GetValueOrDefault(label, "") : null));
        await context.Out.WriteAsync(ListFormatter.Render(format, rows, Headers)).ConfigureAwait(false);
        return 0;
    }
}
