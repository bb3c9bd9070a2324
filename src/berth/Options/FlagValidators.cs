using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Berth.Cli.Cli;

namespace Berth.Cli.Options;

/// <summary>The checks docker's option types run when a flag is set (opts.Validate*), rewriting values where docker does.</summary>
internal static partial class FlagValidators
{
    private static readonly HashSet<string> AllowedSysctls =
        ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    /// <summary>The process environment, replaceable so that tests can pin what "-e KEY" finds.</summary>
    public static Func<string, string?> Environment { get; set; } = global::System.Environment.GetEnvironmentVariable;

    /// <summary>opts.ValidateEnv: "KEY" alone takes KEY's value from the environment if it is set.</summary>
    public static string Env(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? value : value[..equals];
        if (key.Length == 0)
        {
            throw new FlagValueException("invalid environment variable: " + value);
        }

        if (equals >= 0)
        {
            return value;
        }

        return Environment(key) is { } found ? key + "=" + found : value;
    }

    public static string Label(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var key = (equals < 0 ? value : value[..equals]).TrimStart(' ', '\t');
        if (key.Length == 0)
        {
            throw new FlagValueException($"invalid label '{value}': empty name");
        }

        return key.Contains(' ', StringComparison.Ordinal) || key.Contains('\t', StringComparison.Ordinal)
            ? throw new FlagValueException($"label '{key}' contains whitespaces")
            : value;
    }

    /// <summary>opts.ValidateExtraHost: "host:ip" or "host=ip", sent as "host:ip".</summary>
    public static string ExtraHost(string value)
    {
        var separator = value.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            separator = value.IndexOf(':', StringComparison.Ordinal);
        }

        var host = separator < 0 ? value : value[..separator];
        var address = separator < 0 ? "" : value[(separator + 1)..];
        if (separator < 0 || host.Length == 0 || host.Contains(':', StringComparison.Ordinal))
        {
            throw new FlagValueException($"bad format for add-host: {Flags.GoQuote(value)}");
        }

        if (address != "host-gateway")
        {
            var bare = address.Length > 2 && address[0] == '[' && address[^1] == ']' ? address[1..^1] : address;
            if (!IPAddress.TryParse(bare.Trim(), out _))
            {
                throw new FlagValueException($"invalid IP address in add-host: {Flags.GoQuote(bare)}");
            }

            address = bare;
        }

        return host + ":" + address;
    }

    public static string IpAddress(string value) =>
        IPAddress.TryParse(value.Trim(), out var address) ? address.ToString() : throw new FlagValueException("IP address is not correctly formatted: " + value);

    public static string DnsSearch(string value)
    {
        var trimmed = value.Trim(' ');
        if (trimmed == ".")
        {
            return trimmed;
        }

        return trimmed.Any(char.IsAsciiLetter) && Domain().Match(trimmed) is { Success: true } match && match.Groups[1].Length < 255
            ? match.Groups[1].Value
            : throw new FlagValueException($"{trimmed} is not a valid domain");
    }

    /// <summary>opts.ValidateLink: "name" or "name:alias".</summary>
    public static string Link(string value)
    {
        if (value.Length == 0)
        {
            throw new FlagValueException("empty string specified for links");
        }

        return value.Split(':').Length > 2 ? throw new FlagValueException("bad format for links: " + value) : value;
    }

    public static string Attach(string value)
    {
        var lower = value.ToLowerInvariant();
        return lower is "stdin" or "stdout" or "stderr" ? lower : throw new FlagValueException("valid streams are STDIN, STDOUT and STDERR");
    }

    public static string Sysctl(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var key = equals <= 0 ? "" : value[..equals];
        if (key.Length == 0 || (!AllowedSysctls.Contains(key) && !key.StartsWith("net.", StringComparison.Ordinal) && !key.StartsWith("fs.mqueue.", StringComparison.Ordinal)))
        {
            throw new FlagValueException($"sysctl '{value}' is not allowed");
        }

        return value;
    }

    public static string DeviceCgroupRule(string value) =>
        CgroupRule().IsMatch(value) ? value : throw new FlagValueException($"invalid device cgroup format '{value}'");

    /// <summary>opts.ValidateThrottleBpsDevice: "/dev/sda:10mb".</summary>
    public static string ThrottleBps(string value)
    {
        var (path, rate) = SplitDevice(value);
        try
        {
            return MemorySize.Parse(rate) < 0 ? throw new FormatException() : value;
        }
        catch (FormatException)
        {
            throw new FlagValueException($"invalid rate for device: {value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb");
        }
    }

    public static string ThrottleIops(string value)
    {
        var (_, rate) = SplitDevice(value);
        return ulong.TryParse(rate, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? value
            : throw new FlagValueException($"invalid rate for device: {value}. The correct format is <device-path>:<number>. Number must be a positive integer");
    }

    public static string WeightDevice(string value)
    {
        var (_, weight) = SplitDevice(value);
        if (!ushort.TryParse(weight, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FlagValueException($"invalid weight for device: {value}");
        }

        return number is > 0 and < 10 or > 1000
            ? throw new FlagValueException($"invalid weight for device: {value}")
            : value;
    }

    public static string Bytes(string value) => Wrap(() => MemorySize.Parse(value).ToString(CultureInfo.InvariantCulture));

    public static string SwapBytes(string value) => value == "-1" ? value : Bytes(value);

    public static string Decimal(string value) => Wrap(() => NanoCpus.Parse(value).ToString(CultureInfo.InvariantCulture));

    public static string Duration(string value) => Wrap(() => GoDuration.Parse(value).ToString(CultureInfo.InvariantCulture));

    public static string Ulimit(string value) => Wrap(() => { UlimitSpec.Parse(value); return value; });

    public static string Mount(string value) => Wrap(() => { MountSpec.Parse(value); return value; });

    public static string Network(string value) => Wrap(() => { NetworkAttachment.Parse(value); return value; });

    public static string Gpus(string value) => Wrap(() => { GpuRequest.Parse(value); return value; });

    private static (string Path, string Value) SplitDevice(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            throw new FlagValueException($"bad format: {value}");
        }

        var path = value[..colon];
        return path.StartsWith("/dev/", StringComparison.Ordinal)
            ? (path, value[(colon + 1)..])
            : throw new FlagValueException($"bad format for device path: {value}");
    }

    private static string Wrap(Func<string> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new FlagValueException(e.Message);
        }
    }

    [GeneratedRegex(@"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?\s*$")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$")]
    private static partial Regex CgroupRule();
}
