using System.CommandLine;
using System.Runtime.InteropServices;
using Berth.Cli.Interop;
using Berth.Client;
using Berth.Client.Streams;

namespace Berth.Cli.Cli;

/// <summary>
/// One invocation of the CLI, as docker's main runs one: read the command line, print help or a
/// usage error, run the command, and turn what went wrong into docker's message and exit status.
/// </summary>
internal static class CliRunner
{
    private static readonly ParserConfiguration ParserConfiguration = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    public static async Task<int> RunAsync(string program, IReadOnlyList<string> args, CliStreams streams, Func<string, string?> environment, Func<DaemonHost, BerthClient>? clientFactory = null)
    {
        var root = CommandTree.Build();
        if (args.Count > 0 && args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"];
        }

        var scan = FlagScanner.Scan(root, args);
        var columns = (TerminalIo.GetSize(TerminalIo.StdIn)?.Columns ?? 80) - 1;
        if (scan.FlagErrorText is { } flagError)
        {
            var commandPath = HelpWriter.CommandPath(scan.Path, program);
            await streams.Err.WriteLineAsync($"{flagError}\n\nUsage:  {HelpWriter.UseLine(scan.Path, program)}\n\nRun '{commandPath} --help' for more information").ConfigureAwait(false);
            return 125;
        }

        if (scan.UnknownCommandWord is { } word)
        {
            var commandPath = HelpWriter.CommandPath(scan.Path, program);
            var usage = scan.Path.Count > 1 ? $"\n\nUsage:  {commandPath}" : "";
            await streams.Err.WriteLineAsync($"{program}: unknown command: {commandPath} {word}{usage}\n\nRun '{commandPath} --help' for more information").ConfigureAwait(false);
            return 1;
        }

        if (scan.VersionRequested)
        {
            await streams.Out.WriteLineAsync($"Berth version {BuildInfo.Version}, build {BuildInfo.GitCommit}").ConfigureAwait(false);
            return 0;
        }

        if (scan.Help is { } help)
        {
            if (help.DeprecatedShorthand)
            {
                await streams.Out.WriteLineAsync("Flag shorthand -h has been deprecated, use --help").ConfigureAwait(false);
            }

            (scan.Path[^1] as ParentCommand)?.MakeAll();
            var text = HelpWriter.Render(scan.Path, program, columns);
            await (help.ToStderr ? streams.Err : streams.Out).WriteAsync(text).ConfigureAwait(false);
            return 0;
        }

        var command = (DockerCommand)scan.Command;
        var argsError = command.Args.Check(scan.Operands.Count, program, HelpWriter.CommandPath(scan.Path, program), HelpWriter.UseLine(scan.Path, program));
        if (argsError is not null)
        {
            await streams.Err.WriteLineAsync(argsError).ConfigureAwait(false);
            return 1;
        }

        var parse = Parse(root, scan);
        if (parse.Errors.Count > 0)
        {
            await streams.Err.WriteLineAsync(string.Join('\n', parse.Errors.Select(e => e.Message))).ConfigureAwait(false);
            return 125;
        }

        using var context = new CliContext(program, streams, root.Globals(parse), environment, clientFactory);
        using var interrupt = new Interrupt();
        try
        {
            return await command.ExecuteAsync(context, parse, interrupt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupt.Signal is { } signal)
        {
            return 128 + signal;
        }
        catch (CliStatusException e)
        {
            if (e.Message.Length > 0)
            {
                await streams.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
            }

            return e.Status;
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException or DaemonStreamException or IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            await streams.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Binds the scanner's normalized tokens to the typed options.</summary>
    internal static ParseResult Parse(CliRoot root, ScanResult scan) => root.Parse(scan.Tokens, ParserConfiguration);

    /// <summary>SIGINT, SIGTERM and SIGQUIT cancel the command, which then exits 128+signal as docker does.</summary>
    private sealed class Interrupt : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration[] _registrations;

        public Interrupt()
        {
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal),
            ];
        }

        public CancellationToken Token => _source.Token;

        public int? Signal { get; private set; }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            _source.Dispose();
        }

        private void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            Signal ??= context.Signal switch
            {
                PosixSignal.SIGINT => 2,
                PosixSignal.SIGQUIT => 3,
                _ => 15,
            };
            _source.Cancel();
        }
    }
}
