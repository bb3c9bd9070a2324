namespace Berth.Runtime;

public sealed partial record ResourceLimits
{
    /// <summary>The daemon's RLIMIT_NOFILE (soft, hard).</summary>
    public static (ulong Soft, ulong Hard) NoFile()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (Parse(parts[0]), Parse(parts[1]));
        }

        return (1024, 1024);

        static ulong Parse(string value) => value == "unlimited" ? ulong.MaxValue : ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
