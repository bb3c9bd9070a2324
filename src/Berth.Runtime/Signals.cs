using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Runtime;

/// <summary>Signals by name as Docker accepts them (SIGTERM, TERM, term, 15, SIGRTMIN+3), and names of numbers.</summary>
public static class Signals
{
    private const int RtMin = 34;
    private const int RtMax = 64;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6, ["BUS"] = 7, ["FPE"] = 8,
        ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15, ["STKFLT"] = 16,
        ["CHLD"] = 17, ["CLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23,
        ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30,
        ["SYS"] = 31, ["UNUSED"] = 31,
    };

    /// <summary>The signal's number; anything else is an InvalidArgument "Invalid signal: X".</summary>
    public static int Parse(string signal)
    {
        if (int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is > 0 and <= RtMax ? number : throw Invalid(signal);
        }

        var name = signal.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        if (Numbers.TryGetValue(name, out var value))
        {
            return value;
        }

        // Docker's map has RTMIN, RTMIN+1..15, RTMAX-14..1 and RTMAX
        return name switch
        {
            "RTMIN" => RtMin,
            "RTMAX" => RtMax,
            _ when name.StartsWith("RTMIN+", StringComparison.Ordinal) && Offset(name[6..], 15) is { } up => RtMin + up,
            _ when name.StartsWith("RTMAX-", StringComparison.Ordinal) && Offset(name[6..], 14) is { } down => RtMax - down,
            _ => throw Invalid(signal),
        };
    }

    /// <summary>"SIGTERM" for 15, "SIGRTMIN+3" for 37; null for a number that is no signal.</summary>
    public static string? Name(int signal) => signal switch
    {
        RtMin => "SIGRTMIN",
        RtMax => "SIGRTMAX",
        > RtMin and <= RtMin + 15 => $"SIGRTMIN+{signal - RtMin}",
        > RtMin + 15 and < RtMax => $"SIGRTMAX-{RtMax - signal}",
        _ => Numbers.Where(n => n.Value == signal && n.Key is not ("IOT" or "CLD" or "POLL" or "UNUSED")).Select(n => "SIG" + n.Key).FirstOrDefault(),
    };

    private static int? Offset(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 && n <= max ? n : null;

    private static BerthException Invalid(string signal) => Errors.InvalidArgument($"Invalid signal: {signal}");
}
