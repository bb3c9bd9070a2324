using Berth.Images;

namespace Berth.Engine.Containers;

/// <summary>
/// Fills a container's settings from its image the way moby's daemon/create merge does: user values
/// win, image env entries the user did not set are appended, an entrypoint given by the user drops
/// the image's Cmd.
/// </summary>
public static class ConfigMerge
{
    public static ContainerSettings Merge(ContainerSettings user, ImageConfig image)
    {
        var img = image.Config;
        if (img is null)
        {
            return user;
        }

        var env = user.Env.Count == 0
            ? img.Env?.ToList() ?? []
            : user.Env.Concat((img.Env ?? []).Where(ie => !user.Env.Any(ue => Key(ue) == Key(ie)))).ToList();

        var labels = new Dictionary<string, string>(user.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in img.Labels ?? new Dictionary<string, string>())
        {
            labels.TryAdd(key, value);
        }

        var cmd = user.Cmd;
        var entrypoint = user.Entrypoint;
        var argsEscaped = user.ArgsEscaped;
        if (user.Entrypoint is null || user.Entrypoint.Count == 0)
        {
            if (user.Cmd is null || user.Cmd.Count == 0)
            {
                cmd = img.Cmd?.ToList();
                argsEscaped = img.ArgsEscaped ?? false;
            }

            entrypoint ??= img.Entrypoint?.ToList();
        }

        var exposed = user.ExposedPorts.Union(img.ExposedPorts?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal).ToList();
        var volumes = user.Volumes.Union(img.Volumes?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal).ToList();

        return user with
        {
            User = user.User.Length == 0 ? img.User ?? "" : user.User,
            Env = env,
            Labels = labels,
            Cmd = cmd,
            Entrypoint = entrypoint,
            ArgsEscaped = argsEscaped,
            ExposedPorts = exposed,
            Volumes = volumes,
            WorkingDir = user.WorkingDir.Length == 0 ? img.WorkingDir ?? "" : user.WorkingDir,
            StopSignal = string.IsNullOrEmpty(user.StopSignal) ? img.StopSignal : user.StopSignal,
            OnBuild = user.OnBuild ?? img.OnBuild?.ToList(),
            Shell = user.Shell ?? img.Shell?.ToList(),
        };
    }

    /// <summary>Path and Args as inspect shows them: the entrypoint's first word, or the command's.</summary>
    public static (string Path, IReadOnlyList<string> Args) Command(ContainerSettings config)
    {
        var entrypoint = config.Entrypoint ?? [];
        var cmd = config.Cmd ?? [];
        if (entrypoint.Count > 0)
        {
            return (entrypoint[0], entrypoint.Skip(1).Concat(cmd).ToList());
        }

        if (cmd.Count > 0)
        {
            return (cmd[0], cmd.Skip(1).ToList());
        }

        throw Core.Errors.Errors.InvalidArgument("no command specified");
    }

    private static string Key(string entry)
    {
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? entry : entry[..eq];
    }
}
