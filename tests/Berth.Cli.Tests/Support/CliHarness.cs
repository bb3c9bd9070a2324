using System.Text;
using Berth.Cli.Cli;

namespace Berth.Cli.Tests.Support;

/// <summary>Runs the CLI in-process with captured streams and a given environment.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args)
    {
        var output = new MemoryStream();
        var error = new MemoryStream();
        var streams = new CliStreams(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, error, inputIsTerminal: false, outputIsTerminal: false);
        var status = await CliRunner.RunAsync("berth", args, streams, name => environment.TryGetValue(name, out var value) ? value : null);
        return new CliResult(status, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }

    public static Task<CliResult> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string> { ["BERTH_HOST"] = "unix:///nonexistent/berth-test.sock", ["HOME"] = Path.GetTempPath() }, "", args);
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
