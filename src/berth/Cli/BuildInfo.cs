namespace Berth.Cli.Cli;

/// <summary>
/// The CLI's own version and commit, from the informational version ("0.1.0+&lt;sha&gt;") that the build
/// writes into BuildInfo.g.cs as a constant (reading the assembly attribute costs reflection at every start).
/// </summary>
internal static partial class BuildInfo
{
    public static string Version => Informational.Split('+')[0];

    public static string GitCommit => Informational.Split('+') is [_, var sha, ..] ? sha[..Math.Min(7, sha.Length)] : "unknown";

    public static DateTime BuildTime => File.GetLastWriteTimeUtc(System.Environment.ProcessPath ?? "");
}
