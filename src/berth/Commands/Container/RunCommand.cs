using System.CommandLine;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;
using Berth.Cli.Options;
using Berth.Cli.Streams;
using Berth.Client;
using Berth.Client.Hijack;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// docker run: create, attach (unless -d), POST /wait (next-exit, or removed with --rm) before
/// POST /start, stream until the container's output ends, and exit with its status — the order and
/// the exit codes of run.go.
/// </summary>
internal sealed class RunCommand : DockerCommand
{
    private readonly ContainerFlags _flags = new();
    private readonly Flag<bool> _detach = Flags.Bool("detach", 'd', "Run container in background and print container ID");
    private readonly Flag<bool> _sigProxy = Flags.Bool("sig-proxy", null, "Proxy received signals to the process", defaultValue: true);
    private readonly Flag<string> _name = RunFlags.Name();
    private readonly Flag<string> _detachKeys = Flags.String("detach-keys", null, "Override the key sequence for detaching a container");
    private readonly Flag<string> _pull = Flags.String("pull", null, "Pull image before running (\"always\", \"missing\", \"never\")", ContainerCreator.PullMissing);
    private readonly Flag<bool> _quiet = RunFlags.Quiet();
    private readonly Flag<string> _platform = RunFlags.Platform();

    public RunCommand()
        : base("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container run, docker run";
        TopRank = 1;
        Interspersed = false;
        foreach (var option in _flags.All)
        {
            Add(option);
        }

        Add(_detach);
        Add(_sigProxy);
        Add(_name);
        Add(_detachKeys);
        Add(_pull);
        Add(_quiet);
        Add(RunFlags.UseApiSocket());
        Add(RunFlags.Help());
        Add(_platform);
        Add(RunFlags.DisableContentTrust());
    }

    /// <summary>The container options, for building a request from parsed flags.</summary>
    internal ContainerFlags ContainerOptions => _flags;

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var creator = new ContainerCreator(context, parse, _flags, "run");
        var pull = parse.GetValue(_pull) ?? "";
        var request = await creator.BuildRequestAsync(pull, ct).ConfigureAwait(false);
        var detach = parse.GetValue(_detach);
        if (!detach)
        {
            if (request.Tty && request.AttachStdin && !context.Streams.InIsTerminal)
            {
                throw new CliStatusException(1, "the input device is not a TTY");
            }
        }
        else
        {
            if (parse.GetValue(_flags.Attach) is { Length: > 0 })
            {
                throw new CliStatusException(1, "conflicting options: cannot specify both --attach and --detach");
            }

            request.AttachStdin = request.AttachStdout = request.AttachStderr = false;
            request.StdinOnce = false;
        }

        request.ArgsEscaped = false;
        string id;
        try
        {
            id = await creator.CreateAsync(request, parse.GetValue(_name), NonEmpty(parse.GetValue(_platform)), pull, parse.GetValue(_quiet), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException or Client.Streams.DaemonStreamException or InvalidOperationException)
        {
            // every failure of createContainer, the --cidfile ones included, goes through toStatusError
            throw StatusError(context, e.Message);
        }

        // from here on, Ctrl-C goes to the container (--sig-proxy) and the run waits for its end
        using var signals = parse.GetValue(_sigProxy) ? new SignalForwarder(context.Client.Containers, id) : null;
        var attach = request.AttachStdin || request.AttachStdout || request.AttachStderr;
        if (!attach)
        {
            return await RunDetachedAsync(context, id, request.HostConfig!.AutoRemove).ConfigureAwait(false);
        }

        var detachKeys = DetachKeySequence(context, parse.GetValue(_detachKeys));
        HijackedConnection connection;
        try
        {
            connection = await context.Client.Containers.AttachAsync(id, request.AttachStdin, request.AttachStdout, request.AttachStderr, detachKeys.Text, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
        {
            throw new CliStatusException(1, e.Message);
        }

        await using (connection.ConfigureAwait(false))
        {
            var streamer = new HijackedStreamer(
                connection,
                request.AttachStdin ? context.Streams.InStream : null,
                request.AttachStdout ? context.Streams.OutStream : null,
                request.AttachStderr ? (request.Tty ? context.Streams.OutStream : context.Streams.ErrStream) : null,
                request.Tty,
                detachKeys.Bytes,
                context.Streams.InIsTerminal);
            using var stopStreaming = new CancellationTokenSource();
            var streaming = streamer.StreamAsync(stopStreaming.Token);
            var exit = await WaitAsync(context, id, request.HostConfig!.AutoRemove).ConfigureAwait(false);

            try
            {
                await context.Client.Containers.StartAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
            {
                await stopStreaming.CancelAsync().ConfigureAwait(false);
                await IgnoreCancellation(streaming).ConfigureAwait(false);
                if (request.HostConfig.AutoRemove)
                {
                    await IgnoreCancellation(exit).ConfigureAwait(false);
                }

                throw StatusError(context, e.Message);
            }

            using var resizer = request.Tty && context.Streams.OutIsTerminal
                ? TtyResizer.Start((h, w, token) => context.Client.Containers.ResizeAsync(id, h, w, token), context.Err)
                : null;
            if (await Task.WhenAny(streaming, exit).ConfigureAwait(false) == streaming)
            {
                if (await streaming.ConfigureAwait(false))
                {
                    return 0;
                }

                return await exit.ConfigureAwait(false);
            }

            if (!request.AttachStdout && !request.AttachStderr)
            {
                await stopStreaming.CancelAsync().ConfigureAwait(false);
            }

            // the container is gone, but its last output may still be on the way
            await IgnoreCancellation(streaming).ConfigureAwait(false);
            return await exit.ConfigureAwait(false);
        }
    }

    /// <summary>docker's toStatusError: 127 for a missing executable, 126 for one that cannot run, else 125.</summary>
    internal static CliStatusException StatusError(CliContext context, string message)
    {
        var text = $"{context.ProgramName}: {message}\n\nRun '{context.ProgramName} run --help' for more information";
        if (message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ||
            message.Contains("system cannot find the file specified", StringComparison.Ordinal))
        {
            return new CliStatusException(127, text);
        }

        if (message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal))
        {
            return new CliStatusException(126, text);
        }

        return new CliStatusException(125, text);
    }

    /// <summary>--detach-keys, else the config file's detachKeys; unparseable keys fall back to ctrl-p,ctrl-q.</summary>
    internal static (string? Text, byte[] Bytes) DetachKeySequence(CliContext context, string? flag)
    {
        var text = flag is { Length: > 0 } ? flag : context.Config.DetachKeys;
        if (text.Length == 0)
        {
            return (null, DetachKeys.Default);
        }

        try
        {
            return (text, DetachKeys.Parse(text));
        }
        catch (FormatException e)
        {
            context.Err.WriteLine($"WARNING: invalid detach escape keys, using default: {e.Message}");
            return (text, DetachKeys.Default);
        }
    }

    /// <summary>waitExitOrRemoved: the wait is registered (headers received) before start is sent.</summary>
    internal static async Task<Task<int>> WaitAsync(CliContext context, string id, bool autoRemove)
    {
        Task<ContainerWaitResponse> body;
        try
        {
            body = await context.Client.Containers.WaitAsync(id, autoRemove ? "removed" : "next-exit", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
        {
            await context.Err.WriteLineAsync($"error waiting for container: {e.Message}").ConfigureAwait(false);
            return Task.FromResult(125);
        }

        return StatusAsync(context, body);
    }

    private static async Task<int> StatusAsync(CliContext context, Task<ContainerWaitResponse> body)
    {
        try
        {
            var result = await body.ConfigureAwait(false);
            if (result.Error is { } error)
            {
                await context.Err.WriteLineAsync($"Error waiting for container: {error.Message}").ConfigureAwait(false);
                return 125;
            }

            return result.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or DaemonUnreachableException)
        {
            await context.Err.WriteLineAsync($"error waiting for container: {e.Message}").ConfigureAwait(false);
            return 125;
        }
    }

    private async Task<int> RunDetachedAsync(CliContext context, string id, bool autoRemove)
    {
        var exit = await WaitAsync(context, id, autoRemove).ConfigureAwait(false);
        try
        {
            await context.Client.Containers.StartAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
        {
            if (autoRemove)
            {
                await IgnoreCancellation(exit).ConfigureAwait(false);
            }

            throw StatusError(context, e.Message);
        }

        await context.Out.WriteLineAsync(id).ConfigureAwait(false);
        return 0;
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped on purpose
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
