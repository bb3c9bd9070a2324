using System.Text;

namespace Berth.Linux.Tests.Support;

/// <summary>Runs busybox applets through <see cref="Spawner"/>, capturing their output.</summary>
internal static class Busybox
{
    public const string Path = "/bin/busybox";

    public static readonly IReadOnlyList<string> Environment = ["PATH=/usr/bin:/bin"];

    /// <summary>Runs <c>busybox sh -c script</c>; returns stdout, stderr and how it ended.</summary>
    public static async Task<(string Stdout, string Stderr, WaitStatus Status)> ShellAsync(string script, IReadOnlyList<string>? environment = null)
    {
        var ran = await Spawner.RunAsync(Path, ["sh", "-c", script], environment ?? Environment);
        return (ran.Stdout, ran.Stderr, ran.Status);
    }

    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
