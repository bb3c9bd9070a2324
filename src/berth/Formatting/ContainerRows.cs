using System.Globalization;
using Berth.Api.Contracts.Containers;
using Berth.Cli.References;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>docker's container formatter (formatter/container.go): the fields of a ps row and the column titles.</summary>
internal static class ContainerRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "CONTAINER ID",
        ["Names"] = "NAMES",
        ["Image"] = "IMAGE",
        ["Command"] = "COMMAND",
        ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED",
        ["Ports"] = "PORTS",
        ["State"] = "STATE",
        ["Status"] = "STATUS",
        ["Size"] = "SIZE",
        ["Labels"] = "LABELS",
        ["Mounts"] = "MOUNTS",
        ["LocalVolumes"] = "LOCAL VOLUMES",
        ["Networks"] = "NETWORKS",
        ["Platform"] = "PLATFORM",
    };

    /// <summary>NewContainerFormat: the format a ps invocation prints with.</summary>
    public static string Format(string source, bool quiet, bool size) => source switch
    {
        "table" or "" when quiet => "{{.ID}}",
        "table" or "" => DefaultTable + (size ? "\\t{{.Size}}" : ""),
        "raw" when quiet => "container_id: {{.ID}}",
        "raw" => "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n" + (size ? "size: {{.Size}}\\n" : ""),
        _ when quiet => "{{.ID}}",
        _ => source,
    };

    public static TemplateRow Row(ContainerSummary c, bool truncate, DateTimeOffset now) => new(
        "*formatter.ContainerContext",
        new Dictionary<string, Func<object?>>
        {
            ["ID"] = () => truncate ? DisplayText.TruncateId(c.Id) : c.Id,
            ["Names"] = () => Names(c.Names, truncate),
            ["Image"] = () => Image(c, truncate),
            ["Command"] = () => GoFormat.Quote(truncate ? DisplayText.Ellipsis(c.Command, 20) : c.Command),
            ["CreatedAt"] = () => DisplayText.GoTime(c.Created),
            ["RunningFor"] = () => DisplayText.Ago(c.Created, now),
            ["Ports"] = () => PortsText.Display(c.Ports),
            ["State"] = () => c.State,
            ["Status"] = () => c.Status,
            ["Size"] = () => Size(c),
            ["Labels"] = () => string.Join(',', c.Labels.Select(l => l.Key + "=" + l.Value).Order(StringComparer.Ordinal)),
            ["Mounts"] = () => string.Join(',', c.Mounts.Select(m => string.IsNullOrEmpty(m.Name) ? m.Source : m.Name).Select(n => truncate ? DisplayText.Ellipsis(n, 15) : n)),
            ["LocalVolumes"] = () => c.Mounts.Count(m => m.Driver == "local").ToString(CultureInfo.InvariantCulture),
            ["Networks"] = () => string.Join(',', c.NetworkSettings.Networks.Keys),
            ["Platform"] = () => null,
        },
        (name, arguments) => name == "Label" && arguments is [string label] ? c.Labels.GetValueOrDefault(label, "") : null);

    private static string Names(IReadOnlyList<string> names, bool truncate)
    {
        var stripped = names.Select(n => n.Length > 0 ? n[1..] : n).ToList();
        if (truncate && stripped.FirstOrDefault(n => !n.Contains('/', StringComparison.Ordinal)) is { } primary)
        {
            return primary;
        }

        return string.Join(',', stripped);
    }

    private static string Image(ContainerSummary c, bool truncate)
    {
        if (c.Image.Length == 0)
        {
            return "<no image>";
        }

        if (truncate)
        {
            var id = DisplayText.TruncateId(c.ImageID);
            if (id == DisplayText.TruncateId(c.Image))
            {
                return id;
            }

            if (ImageReference.TryParse(c.Image, out var reference))
            {
                return (reference! with { Digest = null }).FamiliarString;
            }
        }

        return c.Image;
    }

    private static string Size(ContainerSummary c)
    {
        var own = DisplayText.HumanSize(c.SizeRw ?? 0, 3);
        return c.SizeRootFs > 0 ? $"{own} (virtual {DisplayText.HumanSize(c.SizeRootFs.Value, 3)})" : own;
    }
}
