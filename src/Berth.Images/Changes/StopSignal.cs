using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>STOPSIGNAL's check: a positive number, or a Linux signal name with or without <c>SIG</c> (moby/sys/signal).</summary>
internal static class StopSignal
{
    private static readonly HashSet<string> Names = new(
        [
            "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL",
            "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1",
            "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
            .. Enumerable.Range(1, 15).Select(n => "RTMIN+" + n.ToString(CultureInfo.InvariantCulture)),
            .. Enumerable.Range(1, 14).Select(n => "RTMAX-" + n.ToString(CultureInfo.InvariantCulture)),
        ],
        StringComparer.Ordinal);

    public static void Validate(string signal)
    {
        var valid = int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number > 0
            : Names.Contains(TrimSig(signal.ToUpperInvariant()));
        if (!valid)
        {
            throw Errors.InvalidArgument($"Invalid signal: {signal}");
        }
    }

    private static string TrimSig(string name) => name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
}
