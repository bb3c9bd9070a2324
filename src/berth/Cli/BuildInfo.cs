using System.Reflection;

namespace Berth.Cli.Cli;

/// <summary>The CLI's own version and commit, from the assembly's informational version ("0.1.0+&lt;sha&gt;").</summary>
internal static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    public static string GitCommit => Informational.Split('+') is [_, var sha, ..] ? sha[..Math.Min(7, sha.Length)] : "unknown";

    public static DateTime BuildTime { get; } = File.GetLastWriteTimeUtc(System.Environment.ProcessPath ?? "");
}
