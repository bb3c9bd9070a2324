using System.CommandLine;
using System.Globalization;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Image;

/// <summary>docker history: GET /images/{name}/history, printed with docker's history formatter.</summary>
internal sealed class HistoryCommand : DockerCommand
{
    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["CreatedBy"] = "CREATED BY",
        ["Size"] = "SIZE",
        ["Comment"] = "COMMENT",
    };

    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<bool> _human = Flags.Bool("human", 'H', "Print sizes and dates in human readable format", defaultValue: true);
    private readonly Flag<bool> _noTrunc = Flags.Bool("no-trunc", null, "Don't truncate output");
    private readonly Flag<string> _platform = Flags.String("platform", null, "Show history for the given platform. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Only show image IDs");

    public HistoryCommand()
        : base("history", "[OPTIONS] IMAGE", "Show the history of an image", ArgsRule.Exactly(1))
    {
        AliasesText = "docker image history, docker history";
        Add(_format);
        Add(_human);
        Add(_noTrunc);
        Add(_platform);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (Given(parse, _platform))
        {
            await context.RequireFlagApiVersionAsync("platform", "1.48", ct).ConfigureAwait(false);
        }

        var history = await context.Client.Images.HistoryAsync(parse.GetValue(Operands)![0], ct).ConfigureAwait(false);
        var human = parse.GetValue(_human);
        var truncate = !parse.GetValue(_noTrunc);
        var format = parse.GetValue(_format) is { Length: > 0 } given ? given : "table";
        if (format == "table")
        {
            format = parse.GetValue(_quiet) ? "{{.ID}}"
                : human ? "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
                : "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
        }

        var epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var now = DateTimeOffset.UtcNow;
        var rows = history.Select(h =>
        {
            string CreatedAt() => DateTimeOffset.FromUnixTimeSeconds(h.Created).ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);
            var createdBy = h.CreatedBy.Replace('\t', ' ');
            return new TemplateRow("*image.historyContext", new Dictionary<string, Func<object?>>
            {
                ["ID"] = () => truncate ? DisplayText.TruncateId(h.Id) : h.Id,
                ["CreatedAt"] = CreatedAt,
                ["CreatedSince"] = () => !human ? CreatedAt() : h.Created <= epoch ? "N/A" : DisplayText.Ago(h.Created, now),
                ["CreatedBy"] = () => truncate ? DisplayText.Ellipsis(createdBy, 45) : createdBy,
                ["Size"] = () => human ? DisplayText.HumanSize(h.Size, 3) : h.Size.ToString(CultureInfo.InvariantCulture),
                ["Comment"] = () => h.Comment,
            });
        });
        await context.Out.WriteAsync(ListFormatter.Render(format, rows, Headers)).ConfigureAwait(false);
        return 0;
    }
}
