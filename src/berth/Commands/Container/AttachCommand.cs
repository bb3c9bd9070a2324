using System.CommandLine;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;
using Berth.Cli.Interop;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Container;

/// <summary>docker attach: wait first, check the container runs, attach, then follow it to its exit status.</summary>
internal sealed class AttachCommand : DockerCommand
{
    private readonly Flag<string> _detachKeys = Flags.String("detach-keys", null, "Override the key sequence for detaching a container");
    private readonly Flag<bool> _noStdin = Flags.Bool("no-stdin", null, "Do not attach STDIN");
    private readonly Flag<bool> _sigProxy = Flags.Bool("sig-proxy", null, "Proxy all received signals to the process", defaultValue: true);

    public AttachCommand()
        : base("attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", ArgsRule.Exactly(1))
    {
        AliasesText = "docker container attach, docker attach";
        Add(_detachKeys);
        Add(_noStdin);
        Add(_sigProxy);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var container = parse.GetValue(Operands)![0];
        var wait = await context.Client.Containers.WaitAsync(container, null, CancellationToken.None).ConfigureAwait(false);
        var inspect = await InspectRunningAsync(context, container, ct).ConfigureAwait(false);
        var noStdin = parse.GetValue(_noStdin);
        if (!noStdin && inspect.Config.Tty && !context.Streams.InIsTerminal)
        {
            throw new CliStatusException(1, "the input device is not a TTY");
        }

        var detachKeys = RunCommand.DetachKeySequence(context, parse.GetValue(_detachKeys));
        var stdin = !noStdin && inspect.Config.OpenStdin;
        using var signals = parse.GetValue(_sigProxy) && !inspect.Config.Tty ? new SignalForwarder(context.Client.Containers, container) : null;
        var connection = await context.Client.Containers.AttachAsync(container, stdin, stdout: true, stderr: true, detachKeys.Text, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await InspectRunningAsync(context, container, ct).ConfigureAwait(false);
            using var resizer = inspect.Config.Tty && context.Streams.OutIsTerminal ? await ResizeAsync(context, container).ConfigureAwait(false) : null;
            var streamer = new HijackedStreamer(connection, stdin ? context.Streams.InStream : null, context.Streams.OutStream, context.Streams.ErrStream, inspect.Config.Tty, detachKeys.Bytes, context.Streams.InIsTerminal);
            if (await streamer.StreamAsync(CancellationToken.None).ConfigureAwait(false))
            {
                throw new CliStatusException(1, "read escape sequence");
            }
        }

        var result = await wait.ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new CliStatusException(1, error.Message);
        }

        return result.StatusCode;
    }

    private static async Task<ContainerInspectResponse> InspectRunningAsync(CliContext context, string container, CancellationToken ct)
    {
        var inspect = await context.Client.Containers.InspectAsync(container, ct).ConfigureAwait(false);
        return inspect.State switch
        {
            { Running: false } => throw new CliStatusException(1, "You cannot attach to a stopped container, start it first"),
            { Paused: true } => throw new CliStatusException(1, "You cannot attach to a paused container, unpause it first"),
            { Restarting: true } => throw new CliStatusException(1, "You cannot attach to a restarting container, wait until it is running"),
            _ => inspect,
        };
    }

    /// <summary>One size larger first, so that a re-attached shell redraws its prompt.</summary>
    private static async Task<TtyResizer> ResizeAsync(CliContext context, string container)
    {
        if (TerminalIo.GetSize(TerminalIo.StdOut) is { } size)
        {
            try
            {
                await context.Client.Containers.ResizeAsync(container, (uint)size.Rows + 1, (uint)size.Columns + 1, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Client.DaemonException)
            {
                // the monitor below sets the real size anyway
            }
        }

        return TtyResizer.Start((h, w, token) => context.Client.Containers.ResizeAsync(container, h, w, token), context.Err);
    }
}
