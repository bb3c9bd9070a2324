using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Runtime;

/// <summary>Signal names as Docker accepts them: SIGTERM, TERM, term, 15, SIGRTMIN+3.</summary>
public static class Signals
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["ABRT"] = 6, ["ALRM"] = 14, ["BUS"] = 7, ["CHLD"] = 17, ["CLD"] = 17, ["CONT"] = 18, ["FPE"] = 8, ["HUP"] = 1,
        ["ILL"] = 4, ["INT"] = 2, ["IO"] = 29, ["IOT"] = 6, ["KILL"] = 9, ["PIPE"] = 13, ["POLL"] = 29, ["PROF"] = 27,
        ["PWR"] = 30, ["QUIT"] = 3, ["SEGV"] = 11, ["STKFLT"] = 16, ["STOP"] = 19, ["SYS"] = 31, ["TERM"] = 15,
        ["TRAP"] = 5, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23, ["USR1"] = 10, ["USR2"] = 12,
        ["VTALRM"] = 26, ["WINCH"] = 28, ["XCPU"] = 24, ["XFSZ"] = 25, ["RTMIN"] = 34, ["RTMAX"] = 64,
    };

    public static int Parse(string signal)
    {
        var text = signal.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is > 0 and <= 64 ? number : throw Invalid(signal);
        }

        var name = text.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal))
        {
            name = name[3..];
        }

        var plus = name.IndexOf('+', StringComparison.Ordinal);
        var minus = name.IndexOf('-', StringComparison.Ordinal);
        if (name.StartsWith("RTMIN", StringComparison.Ordinal) && plus > 0 && int.TryParse(name[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var up))
        {
            return 34 + up <= 64 ? 34 + up : throw Invalid(signal);
        }

        if (name.StartsWith("RTMAX", StringComparison.Ordinal) && minus > 0 && int.TryParse(name[(minus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var down))
        {
            return 64 - down >= 34 ? 64 - down : throw Invalid(signal);
        }

        return Numbers.TryGetValue(name, out var value) ? value : throw Invalid(signal);
    }

    private static BerthException Invalid(string signal) => Errors.InvalidArgument($"Invalid signal: {signal}");
}
