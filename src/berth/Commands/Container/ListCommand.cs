using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Container;

/// <summary>docker ps / container ls: GET /containers/json, printed with docker's container formatter.</summary>
internal sealed class ListCommand : DockerCommand
{
    private readonly Flag<bool> _all = Flags.Bool("all", 'a', "Show all containers (default shows just running)");
    private readonly Flag<string[]> _filter = FilterFlag.Create();
    private readonly Flag<string> _format = FormatFlag.ForList();
    private readonly Flag<int> _last = Flags.Int("last", 'n', "Show n last created containers (includes all states)", -1);
    private readonly Flag<bool> _latest = Flags.Bool("latest", 'l', "Show the latest created container (includes all states)");
    private readonly Flag<bool> _noTrunc = Flags.Bool("no-trunc", null, "Don't truncate output");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Only display container IDs");
    private readonly Flag<bool> _size = Flags.Bool("size", 's', "Display total file sizes");

    public ListCommand(string name = "ps", params string[] aliases)
        : base(name, "[OPTIONS]", "List containers", ArgsRule.None, aliases)
    {
        AliasesText = "docker container ls, docker container list, docker container ps, docker ps";
        TopRank = name == "ps" ? 3 : null;
        Add(_all);
        Add(_filter);
        Add(_format);
        Add(_last);
        Add(_latest);
        Add(_noTrunc);
        Add(_quiet);
        Add(_size);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var format = parse.GetValue(_format) ?? "";
        var quiet = parse.GetValue(_quiet);
        if (format.Length == 0)
        {
            format = context.Config.PsFormat;
        }
        else if (quiet)
        {
            await context.Err.WriteAsync("WARNING: Ignoring custom format, because both --format and --quiet are set.\n").ConfigureAwait(false);
        }

        var size = parse.GetValue(_size);
        if (format.Length > 0)
        {
            // like docker, check the template on an empty row, and ask for sizes only when it shows them
            var probe = ContainerRows.Row(new(), truncate: true, DateTimeOffset.UtcNow);
            GoTemplate template;
            try
            {
                template = GoTemplate.Parse(format);
            }
            catch (TemplateException e)
            {
                throw new CliStatusException(1, "failed to parse template: " + e.Message);
            }

            try
            {
                template.Execute(probe);
            }
            catch (TemplateException e)
            {
                throw new CliStatusException(1, "failed to execute template: " + e.Message);
            }

            if (!quiet && !size && !Given(parse, _size) && probe.Used.Contains("Size"))
            {
                size = true;
            }
        }

        var limit = parse.GetValue(_last);
        if (parse.GetValue(_latest) && limit == -1)
        {
            limit = 1;
        }

        var containers = await context.Client.Containers.ListAsync(parse.GetValue(_all), limit, size, FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var truncate = !parse.GetValue(_noTrunc);
        var output = ListFormatter.Render(ContainerRows.Format(format, quiet, size), containers.Select(c => ContainerRows.Row(c, truncate, now)), ContainerRows.Headers);
        await context.Out.WriteAsync(output).ConfigureAwait(false);
        return 0;
    }
}
