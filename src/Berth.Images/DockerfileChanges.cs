using Berth.Core.Errors;
using Berth.Images.Changes;

namespace Berth.Images;

/// <summary>
/// The Dockerfile instructions <c>docker import -c</c> and <c>docker commit -c</c> accept (moby's BuildFromConfig):
/// CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME and WORKDIR, in JSON and
/// shell forms, with variables expanded from the config's environment as the classic builder's dispatchers do.
/// </summary>
public static class DockerfileChanges
{
    private static readonly HashSet<string> ValidCommands = new(
        ["CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DefaultShell = ["/bin/sh", "-c"];

    /// <summary>
    /// Applies <paramref name="changes"/> (each one or more Dockerfile lines) to <paramref name="config"/>, in order.
    /// Every instruction is parsed and checked before any is applied; a value that only fails once expanded
    /// (a port, a signal, an empty volume) can fail after earlier changes were applied, so pass a copy if that matters.
    /// </summary>
    /// <exception cref="BerthException">InvalidArgument, worded as Docker's, for any bad change.</exception>
    public static void Apply(ContainerConfig config, IEnumerable<string> changes)
    {
        var lines = InstructionLine.Parse(string.Join('\n', changes));
        if (lines.FirstOrDefault(line => !ValidCommands.Contains(line.Keyword)) is { } invalid)
        {
            throw Errors.InvalidArgument($"{invalid.Keyword} is not a valid change command");
        }

        var commands = lines.Select(ChangeCommand.Parse).ToList();
        var cmdSet = false;
        foreach (var command in commands)
        {
            Dispatch(config, command, ref cmdSet);
        }
    }

    private static void Dispatch(ContainerConfig config, ChangeCommand command, ref bool cmdSet)
    {
        var env = Environment(config);
        string Expand(string word) => ShellLexer.ProcessWord(word, env);

        switch (command)
        {
            case SetEnv(var pairs):
                // All pairs expand against the environment from before this instruction, as in Docker.
                foreach (var (key, value) in pairs.Select(p => (Expand(p.Key), Expand(p.Value))).ToList())
                {
                    SetVariable(config, key, value);
                }

                break;
            case SetLabels(var pairs):
                config.Labels ??= [];
                foreach (var (key, value) in pairs)
                {
                    config.Labels[Expand(key)] = Expand(value);
                }

                break;
            case SetCmd(var line):
                config.Cmd = Resolve(config, line);
                config.ArgsEscaped = null;
                cmdSet |= line.Words.Count > 0;
                break;
            case SetEntrypoint(var line):
                config.Entrypoint = Resolve(config, line);
                config.ArgsEscaped = null;

                // An ENTRYPOINT drops the image's CMD unless these changes set one before it.
                if (!cmdSet)
                {
                    config.Cmd = null;
                }

                break;
            case Expose(var specs):
                config.ExposedPorts ??= [];
                foreach (var port in specs.SelectMany(spec => ShellLexer.ProcessWords(spec, env)).SelectMany(ExposedPortSpec.Ports).ToList())
                {
                    config.ExposedPorts[port] = EmptyObject.Instance;
                }

                break;
            case AddVolumes(var paths):
                var volumes = paths.Select(Expand).ToList();
                if (volumes.Any(volume => volume.Length == 0))
                {
                    throw Errors.InvalidArgument("VOLUME specified can not be an empty string");
                }

                config.Volumes ??= [];
                foreach (var volume in volumes)
                {
                    config.Volumes[volume] = EmptyObject.Instance;
                }

                break;
            case SetUser(var user):
                config.User = Expand(user);
                break;
            case SetWorkdir(var path):
                config.WorkingDir = NormalizeWorkdir(config.WorkingDir ?? "", Expand(path));
                break;
            case SetStopSignal(var signal):
                var expanded = Expand(signal);
                StopSignal.Validate(expanded);
                config.StopSignal = expanded;
                break;
            case AddOnBuild(var trigger):
                (config.OnBuild ??= []).Add(trigger);
                break;
            case SetHealthcheck(var health):
                config.Healthcheck = health;
                break;
        }
    }

    /// <summary>The config's Env as a lookup; a later entry of one name wins.</summary>
    private static Dictionary<string, string> Environment(ContainerConfig config)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in config.Env ?? [])
        {
            var parts = entry.Split('=', 2);
            env[parts[0]] = parts.Length == 2 ? parts[1] : "";
        }

        return env;
    }

    private static void SetVariable(ContainerConfig config, string key, string value)
    {
        var entries = config.Env ??= [];
        var entry = key + "=" + value;
        var index = entries.FindIndex(e => e.Split('=', 2)[0] == key);
        if (index >= 0)
        {
            entries[index] = entry;
        }
        else
        {
            entries.Add(entry);
        }
    }

    /// <summary>The exec form as it is; the shell form after the config's SHELL (<c>/bin/sh -c</c> by default).</summary>
    private static List<string> Resolve(ContainerConfig config, CommandLine line) =>
        line.ShellForm ? [.. config.Shell ?? [.. DefaultShell], .. line.Words] : line.Words;

    /// <summary>A relative WORKDIR continues from the current one; the result is a clean absolute path.</summary>
    private static string NormalizeWorkdir(string current, string requested)
    {
        if (requested.Length == 0)
        {
            throw Errors.InvalidArgument("cannot normalize nothing");
        }

        var path = requested.StartsWith('/') ? requested : "/" + current + "/" + requested;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("" or "."))
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}
