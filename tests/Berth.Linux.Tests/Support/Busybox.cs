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
        var (outRead, outWrite) = Pipe.Create();
        var (errRead, errWrite) = Pipe.Create();
        ChildProcess child;
        using (var stdin = Descriptors.OpenDevNull(write: false))
        using (outWrite)
        using (errWrite)
        {
            child = Spawner.Spawn(Path, ["sh", "-c", script], environment ?? Environment, stdin, outWrite, errWrite);
        }

        using (child)
        await using (var stdout = new PollableStream(outRead, null))
        await using (var stderr = new PollableStream(errRead, null))
        {
            var output = ReadAllAsync(stdout);
            var errors = ReadAllAsync(stderr);
            return (await output, await errors, await child.WaitForExitAsync());
        }
    }

    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
