using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Network;

/// <summary>docker network ls: GET /networks, sorted by name.</summary>
internal sealed class NetworkListCommand : DockerCommand
{
    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "NETWORK ID",
        ["Name"] = "NAME",
        ["Driver"] = "DRIVER",
        ["Scope"] = "SCOPE",
        ["IPv4"] = "IPV4",
        ["IPv6"] = "IPV6",
        ["Internal"] = "INTERNAL",
        ["Labels"] = "LABELS",
        ["CreatedAt"] = "CREATED AT",
    };

    private readonly Flag<string[]> _filter = FilterFlag.Create("Provide filter values (e.g. \"driver=bridge\")");
    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<bool> _noTrunc = Flags.Bool("no-trunc", null, "Do not truncate the output");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Only display network IDs");

    public NetworkListCommand()
        : base("ls", "[OPTIONS]", "List networks", ArgsRule.None, "list")
    {
        AliasesText = "docker network ls, docker network list";
        Add(_filter);
        Add(_format);
        Add(_noTrunc);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var networks = await context.Client.Networks.ListAsync(FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        var quiet = parse.GetValue(_quiet);
        var truncate = !parse.GetValue(_noTrunc);
        var format = parse.GetValue(_format) is { Length: > 0 } given ? given : "table";
        format = format switch
        {
            "table" => quiet ? "{{.ID}}" : "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
            "raw" => quiet ? "network_id: {{.ID}}" : "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n",
            _ => format,
        };
        var rows = networks
            .OrderBy(n => n.Name, Comparer<string>.Create(NaturalOrder.Compare))
            .Select(n => new TemplateRow("*network.networkContext", new Dictionary<string, Func<object?>>
            {
                ["ID"] = () => truncate ? DisplayText.TruncateId(n.Id) : n.Id,
                ["Name"] = () => n.Name,
                ["Driver"] = () => n.Driver,
                ["Scope"] = () => n.Scope,
                ["IPv4"] = () => n.EnableIPv4 ? "true" : "false",
                ["IPv6"] = () => n.EnableIPv6 ? "true" : "false",
                ["Internal"] = () => n.Internal ? "true" : "false",
                ["Labels"] = () => string.Join(',', n.Labels.Select(l => l.Key + "=" + l.Value)),
                ["CreatedAt"] = () => DisplayText.GoTime(n.Created),
            }, (name, arguments) => name == "Label" && arguments is [string label] ? n.Labels.GetValueOrDefault(label, "") : null));
        await context.Out.WriteAsync(ListFormatter.Render(format, rows, Headers)).ConfigureAwait(false);
        return 0;
    }
}
