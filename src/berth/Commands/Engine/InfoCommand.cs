using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Api.Contracts.System;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker info: the client section, then GET /info printed field by field as docker prints it.</summary>
internal sealed class InfoCommand : DockerCommand
{
    private readonly Flag<string> _format = FormatFlag.ForInspect();

    public InfoCommand(string name = "info")
        : base(name, "[OPTIONS]", "Display system-wide information", ArgsRule.None)
    {
        AliasesText = "docker system info, docker info";
        TopRank = name == "info" ? 12 : null;
        Add(_format);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var format = parse.GetValue(_format) ?? "";
        return format.Length == 0 ? await PrettyPrintAsync(context, ct).ConfigureAwait(false) : await FormatAsync(context, format, ct).ConfigureAwait(false);
    }

    private static async Task<int> PrettyPrintAsync(CliContext context, CancellationToken ct)
    {
        var output = new StringBuilder();
        output.Append("Client: Berth\n");
        output.Append(CultureInfo.InvariantCulture, $" Version:    {BuildInfo.Version}\n");
        output.Append(" Context:    default\n");
        output.Append(CultureInfo.InvariantCulture, $" Debug Mode: {Bool(context.Globals.Debug)}\n");
        output.Append("\nServer:\n");

        SystemInfo info;
        try
        {
            info = await context.Client.System.InfoAsync(ct).ConfigureAwait(false);
        }
        catch (DaemonUnreachableException)
        {
            await context.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            throw;
        }
        catch (DaemonException e)
        {
            await context.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
            await context.Err.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
            throw new CliStatusException(1, "errors pretty printing info");
        }

        AppendServer(output, info, context.Globals.Debug);
        await context.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
        foreach (var warning in info.Warnings)
        {
            await context.Err.WriteLineAsync(warning).ConfigureAwait(false);
        }

        return 0;
    }

    private static void AppendServer(StringBuilder o, SystemInfo info, bool clientDebug)
    {
        void Line(string label, object value) => o.Append(label).Append(' ').Append(value switch { bool b => Bool(b), _ => Convert.ToString(value, CultureInfo.InvariantCulture) }).Append('\n');
        void NonEmpty(string label, string value)
        {
            if (value.Length > 0)
            {
                Line(label, value);
            }
        }

        Line(" Containers:", info.Containers);
        Line("  Running:", info.ContainersRunning);
        Line("  Paused:", info.ContainersPaused);
        Line("  Stopped:", info.ContainersStopped);
        Line(" Images:", info.Images);
        NonEmpty(" Server Version:", info.ServerVersion);
        NonEmpty(" Storage Driver:", info.Driver);
        foreach (var pair in info.DriverStatus.Where(p => p.Count >= 2))
        {
            o.Append(CultureInfo.InvariantCulture, $"  {pair[0]}: {pair[1]}\n");
        }

        NonEmpty(" Logging Driver:", info.LoggingDriver);
        NonEmpty(" Cgroup Driver:", info.CgroupDriver);
        NonEmpty(" Cgroup Version:", info.CgroupVersion);
        o.Append(" Plugins:\n");
        Line("  Volume:", string.Join(' ', info.Plugins.Volume));
        Line("  Network:", string.Join(' ', info.Plugins.Network));
        if (info.Plugins.Authorization is { Count: > 0 } authorization)
        {
            Line("  Authorization:", string.Join(' ', authorization));
        }

        Line("  Log:", string.Join(' ', info.Plugins.Log));
        Line(" Swarm:", info.Swarm.LocalNodeState);
        if (info.Runtimes.Count > 0)
        {
            Line(" Runtimes:", string.Join(' ', info.Runtimes.Keys));
            Line(" Default Runtime:", info.DefaultRuntime);
        }

        if (info.OSType == "linux")
        {
            Line(" Init Binary:", info.InitBinary);
            Line(" containerd version:", info.ContainerdCommit.ID);
            Line(" runc version:", info.RuncCommit.ID);
            Line(" init version:", info.InitCommit.ID);
            if (info.SecurityOptions.Count > 0)
            {
                o.Append(" Security Options:\n");
                foreach (var option in info.SecurityOptions)
                {
                    AppendSecurityOption(o, option);
                }
            }
        }

        NonEmpty(" Kernel Version:", info.KernelVersion);
        NonEmpty(" Operating System:", info.OperatingSystem);
        NonEmpty(" OSType:", info.OSType);
        NonEmpty(" Architecture:", info.Architecture);
        Line(" CPUs:", info.NCPU);
        Line(" Total Memory:", DisplayText.BytesSize(info.MemTotal));
        NonEmpty(" Name:", info.Name);
        NonEmpty(" ID:", info.ID);
        Line(" Docker Root Dir:", info.DockerRootDir);
        Line(" Debug Mode:", info.Debug);
        if (info.Debug || clientDebug)
        {
            Line("  File Descriptors:", info.NFd);
            Line("  Goroutines:", info.NGoroutines);
            Line("  System Time:", info.SystemTime);
            Line("  EventsListeners:", info.NEventsListener);
        }

        NonEmpty(" HTTP Proxy:", info.HttpProxy);
        NonEmpty(" HTTPS Proxy:", info.HttpsProxy);
        NonEmpty(" No Proxy:", info.NoProxy);
        if (info.Labels.Count > 0)
        {
            o.Append(" Labels:\n");
            foreach (var label in info.Labels)
            {
                o.Append("  ").Append(label).Append('\n');
            }
        }

        Line(" Experimental:", info.ExperimentalBuild);
        var insecure = info.RegistryConfig.IndexConfigs.Values.Where(c => !c.Secure).ToList();
        if (info.RegistryConfig.InsecureRegistryCIDRs.Count > 0 || info.RegistryConfig.IndexConfigs.Count > 0)
        {
            o.Append(" Insecure Registries:\n");
            foreach (var config in insecure)
            {
                o.Append("  ").Append(config.Name).Append('\n');
            }

            foreach (var cidr in info.RegistryConfig.InsecureRegistryCIDRs)
            {
                o.Append("  ").Append(cidr).Append('\n');
            }
        }

        if (info.RegistryConfig.Mirrors.Count > 0)
        {
            o.Append(" Registry Mirrors:\n");
            foreach (var mirror in info.RegistryConfig.Mirrors)
            {
                o.Append("  ").Append(mirror).Append('\n');
            }
        }

        Line(" Live Restore Enabled:", info.LiveRestoreEnabled);
        if (info.DefaultAddressPools.Count > 0)
        {
            o.Append(" Default Address Pools:\n");
            foreach (var pool in info.DefaultAddressPools)
            {
                o.Append(CultureInfo.InvariantCulture, $"   Base: {pool.Base}, Size: {pool.Size}\n");
            }
        }

        o.Append('\n');
    }

    /// <summary>system.DecodeSecurityOptions: "name=seccomp,profile=builtin" → "  seccomp" and "   Profile: builtin".</summary>
    private static void AppendSecurityOption(StringBuilder o, string option)
    {
        var name = option;
        string? profile = null;
        if (option.Contains('=', StringComparison.Ordinal))
        {
            foreach (var field in option.Split(','))
            {
                var parts = field.Split('=', 2);
                if (parts is ["name", var value])
                {
                    name = value;
                }
                else if (parts is ["profile", var p])
                {
                    profile = p;
                }
            }
        }

        o.Append("  ").Append(name).Append('\n');
        if (profile is not null)
        {
            o.Append("   Profile: ").Append(profile).Append('\n');
        }
    }

    private static async Task<int> FormatAsync(CliContext context, string format, CancellationToken ct)
    {
        GoTemplate template;
        try
        {
            template = GoTemplate.Parse(format == "json" ? "{{json .}}" : format);
        }
        catch (TemplateException e)
        {
            throw new CliStatusException(64, "template parsing error: " + e.Message);
        }

        var data = JsonNode.Parse(await context.Client.System.InfoRawAsync(ct).ConfigureAwait(false)) as JsonObject ?? [];
        data["ClientInfo"] = new JsonObject
        {
            ["Debug"] = context.Globals.Debug,
            ["Platform"] = new JsonObject { ["Name"] = "Berth" },
            ["Version"] = BuildInfo.Version,
            ["GitCommit"] = BuildInfo.GitCommit,
            ["Os"] = "linux",
            ["Context"] = "default",
            ["Plugins"] = new JsonArray(),
            ["Warnings"] = null,
        };
        using var document = JsonDocument.Parse(data.ToJsonString());
        try
        {
            await context.Out.WriteLineAsync(template.Execute(document.RootElement)).ConfigureAwait(false);
        }
        catch (TemplateException e)
        {
            throw new CliStatusException(1, e.Message);
        }

        return 0;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
