using System.Globalization;
using Berth.Core;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>HEALTHCHECK <c>[--interval=D --timeout=D --start-period=D --start-interval=D --retries=N] CMD ...</c> or <c>NONE</c>.</summary>
internal static class HealthcheckParser
{
    private static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(1);

    public static HealthConfig Parse(string arguments)
    {
        var health = new HealthConfig();
        var rest = arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.AsSpan().IndexOfAny(" \t");
            var flag = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[end..].TrimStart();
            ApplyFlag(health, flag[2..]);
        }

        var words = ArgumentWords.Plain(rest);
        var type = words.FirstOrDefault()?.ToUpperInvariant() ?? throw Errors.InvalidArgument("HEALTHCHECK requires at least one argument");
        var command = rest[words[0].Length..].Trim();
        switch (type)
        {
            case "NONE":
                return command.Length == 0
                    ? new HealthConfig { Test = ["NONE"] }
                    : throw Errors.InvalidArgument("HEALTHCHECK NONE takes no arguments");
            case "CMD":
                if (command.Length == 0)
                {
                    throw Errors.InvalidArgument("Missing command after HEALTHCHECK CMD");
                }

                health.Test = ArgumentWords.JsonForm(command) is { } exec ? ["CMD", .. exec] : ["CMD-SHELL", command];
                return health;
            default:
                throw Errors.InvalidArgument($"Unknown type \"{type}\" in HEALTHCHECK (try CMD)");
        }
    }

    private static void ApplyFlag(HealthConfig health, string flag)
    {
        var (name, value) = flag.Split('=', 2) is [var n, var v] ? (n, v) : (flag, "");
        switch (name)
        {
            case "interval":
                health.Interval = Nanoseconds(name, value);
                break;
            case "timeout":
                health.Timeout = Nanoseconds(name, value);
                break;
            case "start-period":
                health.StartPeriod = Nanoseconds(name, value);
                break;
            case "start-interval":
                health.StartInterval = Nanoseconds(name, value);
                break;
            case "retries":
                health.Retries = Retries(value);
                break;
            default:
                throw Errors.InvalidArgument($"Unknown flag: {name}");
        }
    }

    private static int Retries(string value)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries))
        {
            throw Errors.InvalidArgument($"strconv.ParseInt: parsing \"{value}\": invalid syntax");
        }

        return retries >= 0 ? retries : throw Errors.InvalidArgument($"--retries cannot be negative ({retries})");
    }

    private static long Nanoseconds(string name, string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        if (!GoDuration.TryParse(value, out var duration))
        {
            throw Errors.InvalidArgument($"time: invalid duration \"{value}\"");
        }

        if (duration != TimeSpan.Zero && duration < MinimumDuration)
        {
            throw Errors.InvalidArgument($"Interval \"{name}\" cannot be less than 1ms");
        }

        return duration.Ticks * 100;
    }
}
