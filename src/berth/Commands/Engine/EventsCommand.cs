using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Cli.Cli;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker events: GET /events, each event printed as docker prints it, or through --format.</summary>
internal sealed class EventsCommand : DockerCommand
{
    private readonly Flag<string[]> _filter = FilterFlag.Create();
    private readonly Flag<string> _format = Flags.String("format", null, FormatFlag.InspectHelp);
    private readonly Flag<string> _since = Flags.String("since", null, "Show all events created since timestamp");
    private readonly Flag<string> _until = Flags.String("until", null, "Stream events until this timestamp");

    public EventsCommand()
        : base("events", "[OPTIONS]", "Get real time events from the server", ArgsRule.None)
    {
        AliasesText = "docker system events, docker events";
        Add(_filter);
        Add(_format);
        Add(_since);
        Add(_until);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var format = parse.GetValue(_format) ?? "";
        GoTemplate? template = null;
        if (format.Length > 0)
        {
            try
            {
                template = GoTemplate.Parse(format == "json" ? "{{json .}}" : format);
            }
            catch (TemplateException e)
            {
                throw new CliStatusException(64, "Error parsing format: " + e.Message);
            }
        }

        var now = DateTimeOffset.Now;
        var since = Timestamps.ToApi(parse.GetValue(_since) ?? "", now, "since");
        var until = Timestamps.ToApi(parse.GetValue(_until) ?? "", now, "until");
        await using var response = await context.Client.System.EventsAsync(since, until, FilterFlag.ToArgs(parse.GetValue(_filter)!), ct).ConfigureAwait(false);
        using var reader = new StreamReader(response.Body, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var text = template is null ? Pretty(document.RootElement) : Execute(template, document.RootElement);
            await context.Out.WriteLineAsync(text).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Execute(GoTemplate template, JsonElement message)
    {
        try
        {
            return template.Execute(message);
        }
        catch (TemplateException e)
        {
            throw new CliStatusException(1, e.Message);
        }
    }

    /// <summary>"2025-06-01T10:00:00.000000000Z container start &lt;id&gt; (image=busybox, name=x)".</summary>
    private static string Pretty(JsonElement message)
    {
        var output = new StringBuilder();
        if (message.TryGetProperty("timeNano", out var nanos) && nanos.TryGetInt64(out var timeNano) && timeNano != 0)
        {
            output.Append(Rfc3339NanoFixed(timeNano)).Append(' ');
        }
        else if (message.TryGetProperty("time", out var seconds) && seconds.TryGetInt64(out var time) && time != 0)
        {
            output.Append(Rfc3339NanoFixed(time * 1_000_000_000)).Append(' ');
        }

        string Text(JsonElement e, string name) => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var actor = message.TryGetProperty("Actor", out var a) ? a : default;
        output.Append(Text(message, "Type")).Append(' ').Append(Text(message, "Action")).Append(' ').Append(actor.ValueKind == JsonValueKind.Object ? Text(actor, "ID") : "");
        if (actor.ValueKind == JsonValueKind.Object && actor.TryGetProperty("Attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object && attributes.EnumerateObject().Any())
        {
            output.Append(" (").AppendJoin(", ", attributes.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetString())).Append(')');
        }

        return output.ToString();
    }

    /// <summary>Go's "2006-01-02T15:04:05.000000000Z07:00" in the local zone.</summary>
    private static string Rfc3339NanoFixed(long unixNanoseconds)
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(unixNanoseconds / 1_000_000).ToLocalTime();
        var fraction = (unixNanoseconds % 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
        var zone = instant.Offset == TimeSpan.Zero ? "Z" : instant.ToString("zzz", CultureInfo.InvariantCulture);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction + zone;
    }
}
