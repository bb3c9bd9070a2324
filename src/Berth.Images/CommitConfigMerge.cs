namespace Berth.Images;

/// <summary>
/// moby's commit merge: what <c>docker commit</c> was given (a config, or the container's own, with <c>-c</c>
/// changes applied) is completed from the container's config. Values set win; environment variables, labels,
/// exposed ports and volumes the container has are added; an empty command falls back to the container's.
/// </summary>
public static class CommitConfigMerge
{
    public static void Merge(ContainerConfig user, ContainerConfig container)
    {
        if (string.IsNullOrEmpty(user.User))
        {
            user.User = container.User;
        }

        user.ExposedPorts = Union(user.ExposedPorts, container.ExposedPorts);
        user.Volumes = Union(user.Volumes, container.Volumes);
        if (user.Env is not { Count: > 0 })
        {
            user.Env = container.Env;
        }
        else
        {
            user.Env.AddRange((container.Env ?? []).Where(e => !user.Env.Any(u => Key(u) == Key(e))));
        }

        if (container.Labels is { Count: > 0 })
        {
            user.Labels ??= [];
            foreach (var (key, value) in container.Labels)
            {
                user.Labels.TryAdd(key, value);
            }
        }

        if (user.Entrypoint is not { Count: > 0 })
        {
            if (user.Cmd is not { Count: > 0 })
            {
                user.Cmd = container.Cmd;
                user.ArgsEscaped = container.ArgsEscaped;
            }

            user.Entrypoint ??= container.Entrypoint;
        }

        user.Healthcheck ??= container.Healthcheck;
        if (string.IsNullOrEmpty(user.WorkingDir))
        {
            user.WorkingDir = container.WorkingDir;
        }

        if (string.IsNullOrEmpty(user.StopSignal))
        {
            user.StopSignal = container.StopSignal;
        }
    }

    private static Dictionary<string, EmptyObject>? Union(Dictionary<string, EmptyObject>? user, Dictionary<string, EmptyObject>? container)
    {
        if (user is not { Count: > 0 })
        {
            return container;
        }

        foreach (var key in container?.Keys ?? Enumerable.Empty<string>())
        {
            user.TryAdd(key, EmptyObject.Instance);
        }

        return user;
    }

    private static string Key(string variable)
    {
        var eq = variable.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? variable : variable[..eq];
    }
}
