using Berth.Api.Contracts.Containers;

namespace Berth.Cli.Options;

/// <summary>opts.MountOpt: the CSV of --mount ("type=bind,source=/a,target=/b,readonly") as a HostConfig mount.</summary>
internal static class MountSpec
{
    public static Mount Parse(string value)
    {
        var mount = new Mount { Type = "volume" };
        foreach (var field in Csv.ReadRecord(value))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? field : field[..equals]).ToLowerInvariant();
            var val = equals < 0 ? null : field[(equals + 1)..];
            if (val is null)
            {
                switch (key)
                {
                    case "readonly" or "ro":
                        mount.ReadOnly = true;
                        continue;
                    case "volume-nocopy":
                        VolumeOptions(mount).NoCopy = true;
                        continue;
                    case "bind-nonrecursive":
                        BindOptions(mount).NonRecursive = true;
                        continue;
                    default:
                        throw new FormatException($"invalid field '{field}' must be a key=value pair");
                }
            }

            switch (key)
            {
                case "type":
                    mount.Type = val.ToLowerInvariant();
                    break;
                case "source" or "src":
                    mount.Source = !Path.IsPathRooted(val) && val.StartsWith('.') ? Path.GetFullPath(val) : val;
                    break;
                case "target" or "dst" or "destination":
                    mount.Target = val;
                    break;
                case "readonly" or "ro":
                    mount.ReadOnly = ParseBool(key, val);
                    break;
                case "consistency":
                    mount.Consistency = val.ToLowerInvariant();
                    break;
                case "bind-propagation":
                    BindOptions(mount).Propagation = val.ToLowerInvariant();
                    break;
                case "bind-nonrecursive":
                    BindOptions(mount).NonRecursive = ParseBool(key, val);
                    break;
                case "bind-recursive":
                    switch (val)
                    {
                        case "enabled":
                            break;
                        case "disabled":
                            BindOptions(mount).NonRecursive = true;
                            break;
                        case "writable":
                            BindOptions(mount).ReadOnlyNonRecursive = true;
                            break;
                        case "readonly":
                            BindOptions(mount).ReadOnlyForceRecursive = true;
                            break;
                        default:
                            throw new FormatException($"invalid value for {key}: {val} (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
                    }

                    break;
                case "volume-subpath":
                    VolumeOptions(mount).Subpath = val;
                    break;
                case "volume-nocopy":
                    VolumeOptions(mount).NoCopy = ParseBool(key, val, "invalid value for volume-nocopy: " + val);
                    break;
                case "volume-label":
                    SetPair(VolumeOptions(mount).Labels!, val);
                    break;
                case "volume-driver":
                    VolumeOptions(mount).DriverConfig!.Name = val;
                    break;
                case "volume-opt":
                    SetPair(VolumeOptions(mount).DriverConfig!.Options ??= [], val);
                    break;
                case "tmpfs-size":
                    try
                    {
                        (mount.TmpfsOptions ??= new()).SizeBytes = MemorySize.Parse(val);
                    }
                    catch (FormatException)
                    {
                        throw new FormatException($"invalid value for {key}: {val}");
                    }

                    break;
                case "tmpfs-mode":
                    try
                    {
                        (mount.TmpfsOptions ??= new()).Mode = Convert.ToInt32(val, 8);
                    }
                    catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
                    {
                        throw new FormatException($"invalid value for {key}: {val}");
                    }

                    break;
                default:
                    throw new FormatException($"unexpected key '{key}' in '{field}'");
            }
        }

        if (mount.Type.Length == 0)
        {
            throw new FormatException("type is required");
        }

        if (mount.Target.Length == 0)
        {
            throw new FormatException("target is required");
        }

        CheckOptions(mount.VolumeOptions, "volume", "volume", mount.Type);
        CheckOptions(mount.BindOptions, "bind", "bind", mount.Type);
        CheckOptions(mount.TmpfsOptions, "tmpfs", "tmpfs", mount.Type);
        if (mount.BindOptions is { } bind)
        {
            if (bind.ReadOnlyNonRecursive && !mount.ReadOnly)
            {
                throw new FormatException("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
            }

            if (bind.ReadOnlyForceRecursive && !mount.ReadOnly)
            {
                throw new FormatException("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
            }

            if (bind.ReadOnlyForceRecursive && bind.Propagation != "rprivate")
            {
                throw new FormatException("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
            }
        }

        return mount;
    }

    private static void CheckOptions(object? options, string prefix, string type, string mountType)
    {
        if (options is not null && mountType != type)
        {
            throw new FormatException($"cannot mix '{prefix}-*' options with mount type '{mountType}'");
        }
    }

    private static VolumeOptions VolumeOptions(Mount mount)
    {
        mount.VolumeOptions ??= new VolumeOptions { Labels = [] };
        mount.VolumeOptions.DriverConfig ??= new DriverConfig();
        return mount.VolumeOptions;
    }

    private static BindOptions BindOptions(Mount mount) => mount.BindOptions ??= new BindOptions();

    private static void SetPair(Dictionary<string, string> target, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? value : value[..equals];
        if (key.Length > 0)
        {
            target[key] = equals < 0 ? "" : value[(equals + 1)..];
        }
    }

    private static bool ParseBool(string key, string value, string? message = null) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new FormatException(message ?? $"invalid value for {key}: {value}"),
    };
}
