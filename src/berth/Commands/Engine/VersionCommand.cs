using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Api.Contracts.System;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;
using Berth.Client.Transport;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker version: the client's own facts and GET /version, through docker's version template.</summary>
internal sealed class VersionCommand : DockerCommand
{
    private const string DefaultTemplate = """
        {{with .Client -}}
        Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
         Version:	{{.Version}}
         API version:	{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
         Go version:	{{.GoVersion}}
         Git commit:	{{.GitCommit}}
         Built:	{{.BuildTime}}
         OS/Arch:	{{.Os}}/{{.Arch}}
         Context:	{{.Context}}
        {{- end}}

        {{- if ne .Server nil}}{{with .Server}}

        Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
         {{- range $component := .Components}}
         {{$component.Name}}:
          {{- if eq $component.Name "Engine" }}
          Version:	{{.Version}}
          API version:	{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
          Go version:	{{index .Details "GoVersion"}}
          Git commit:	{{index .Details "GitCommit"}}
          Built:	{{index .Details "BuildTime"}}
          OS/Arch:	{{index .Details "Os"}}/{{index .Details "Arch"}}
          Experimental:	{{index .Details "Experimental"}}
          {{- else }}
          Version:	{{$component.Version}}
          {{- $detailsOrder := getDetailsOrder $component}}
          {{- range $key := $detailsOrder}}
          {{$key}}:	{{index $component.Details $key}}
           {{- end}}
          {{- end}}
         {{- end}}
         {{- end}}{{- end}}
        """;

    private readonly Flag<string> _format = FormatFlag.ForInspect();

    public VersionCommand()
        : base("version", "[OPTIONS]", "Show the Docker version information", ArgsRule.None)
    {
        TopRank = 11;
        Add(_format);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var format = parse.GetValue(_format) ?? "";
        GoTemplate template;
        try
        {
            var functions = TemplateFunctions.Docker.With(new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
            {
                ["getDetailsOrder"] = a => a is [JsonElement c] && c.TryGetProperty("Details", out var d) && d.ValueKind == JsonValueKind.Object
                    ? d.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).Select(n => (object?)n).ToList()
                    : new List<object?>(),
            });
            template = GoTemplate.Parse(format switch { "" => DefaultTemplate, "json" => "{{json .}}", _ => format }, functions);
        }
        catch (TemplateException e)
        {
            throw new CliStatusException(64, "template parsing error: " + e.Message);
        }

        Exception? serverError = null;
        JsonNode? server = null;
        string apiVersion = ApiVersions.Max;
        try
        {
            apiVersion = await context.Client.Transport.ApiVersionAsync(ct).ConfigureAwait(false);
            server = ServerNode(await context.Client.System.VersionAsync(ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
        {
            serverError = e;
        }

        var data = new JsonObject { ["Client"] = ClientNode(apiVersion), ["Server"] = server };
        using var document = JsonDocument.Parse(data.ToJsonString());
        string rendered;
        try
        {
            rendered = template.Execute(document.RootElement);
        }
        catch (TemplateException e)
        {
            throw new CliStatusException(1, e.Message);
        }

        var table = new TabWriter(20, 1);
        table.Write(rendered);
        table.Write("\n");
        await context.Out.WriteAsync(table.Flush()).ConfigureAwait(false);
        return serverError is null ? 0 : throw new CliStatusException(1, serverError.Message);
    }

    private static JsonObject ClientNode(string apiVersion) => new()
    {
        ["Platform"] = new JsonObject { ["Name"] = "Berth" },
        ["Version"] = BuildInfo.Version,
        ["ApiVersion"] = apiVersion,
        ["DefaultAPIVersion"] = ApiVersions.Max,
        ["GitCommit"] = BuildInfo.GitCommit,
        ["GoVersion"] = "dotnet" + Environment.Version.ToString(),
        ["Os"] = "linux",
        ["Arch"] = GoArch(RuntimeInformation.OSArchitecture),
        ["BuildTime"] = AnsiC(BuildInfo.BuildTime),
        ["Context"] = "default",
    };

    private static JsonObject ServerNode(SystemVersion version)
    {
        var components = new JsonArray();
        foreach (var component in version.Components)
        {
            var details = new JsonObject();
            foreach (var (key, value) in component.Details ?? [])
            {
                details[key] = component.Name == "Engine" && key == "BuildTime" ? ReformatDate(value) : value;
            }

            components.Add((JsonNode)new JsonObject { ["Name"] = component.Name, ["Version"] = component.Version, ["Details"] = details });
        }

        if (!version.Components.Any(c => c.Name == "Engine"))
        {
            components.Add((JsonNode)new JsonObject
            {
                ["Name"] = "Engine",
                ["Version"] = version.Version,
                ["Details"] = new JsonObject
                {
                    ["ApiVersion"] = version.ApiVersion,
                    ["MinAPIVersion"] = version.MinAPIVersion,
                    ["GitCommit"] = version.GitCommit,
                    ["GoVersion"] = version.GoVersion,
                    ["Os"] = version.Os,
                    ["Arch"] = version.Arch,
                    ["BuildTime"] = ReformatDate(version.BuildTime),
                    ["Experimental"] = version.Experimental ? "true" : "false",
                },
            });
        }

        return new JsonObject
        {
            ["Platform"] = new JsonObject { ["Name"] = version.Platform.Name },
            ["Components"] = components,
            ["Version"] = version.Version,
            ["ApiVersion"] = version.ApiVersion,
            ["MinAPIVersion"] = version.MinAPIVersion,
            ["GitCommit"] = version.GitCommit,
            ["GoVersion"] = version.GoVersion,
            ["Os"] = version.Os,
            ["Arch"] = version.Arch,
            ["KernelVersion"] = version.KernelVersion,
            ["Experimental"] = version.Experimental,
            ["BuildTime"] = version.BuildTime,
        };
    }

    /// <summary>RFC 3339 build times are shown in Go's time.ANSIC layout; anything else as it is.</summary>
    private static string ReformatDate(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) && text.Contains('T', StringComparison.Ordinal)
            ? AnsiC(time)
            : text;

    private static string AnsiC(DateTime time) =>
        time.ToString("ddd MMM ", CultureInfo.InvariantCulture) + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + time.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    private static string GoArch(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
