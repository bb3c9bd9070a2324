using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Streams;
using Berth.Client;

namespace Berth.Cli.Commands.Container;

/// <summary>docker start: POST /start for each container; with -a/-i, attach first and follow the container to its end.</summary>
internal sealed class StartCommand : DockerCommand
{
    private readonly Flag<bool> _attach = Flags.Bool("attach", 'a', "Attach STDOUT/STDERR and forward signals");
    private readonly Flag<string> _checkpoint = Flags.String("checkpoint", null, "Restore from this checkpoint");
    private readonly Flag<string> _checkpointDir = Flags.String("checkpoint-dir", null, "Use a custom checkpoint storage directory");
    private readonly Flag<string> _detachKeys = Flags.String("detach-keys", null, "Override the key sequence for detaching a container");
    private readonly Flag<bool> _interactive = Flags.Bool("interactive", 'i', "Attach container's STDIN");

    public StartCommand()
        : base("start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container start, docker start";
        Add(_attach);
        Add(_checkpoint);
        Add(_checkpointDir);
        Add(_detachKeys);
        Add(_interactive);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var containers = parse.GetValue(Operands)!;
        if (parse.GetValue(_attach) || parse.GetValue(_interactive))
        {
            return containers.Length > 1
                ? throw new CliStatusException(1, "you cannot start and attach multiple containers at once")
                : await StartAttachedAsync(context, parse, containers[0], ct).ConfigureAwait(false);
        }

        if (parse.GetValue(_checkpoint) is { Length: > 0 })
        {
            throw new CliStatusException(1, "checkpoints are not supported by Berth");
        }

        var failed = new List<string>();
        foreach (var container in containers)
        {
            try
            {
                await context.Client.Containers.StartAsync(container, ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync(container).ConfigureAwait(false);
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                await context.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
                failed.Add(container);
            }
        }

        return failed.Count > 0 ? throw new CliStatusException(1, "Error: failed to start containers: " + string.Join(", ", failed)) : 0;
    }

    private async Task<int> StartAttachedAsync(CliContext context, ParseResult parse, string container, CancellationToken ct)
    {
        var inspect = await context.Client.Containers.InspectAsync(container, ct).ConfigureAwait(false);
        var id = inspect.Id;
        var tty = inspect.Config.Tty;
        using var signals = tty ? null : new SignalForwarder(context.Client.Containers, id);
        var detachKeys = RunCommand.DetachKeySequence(context, parse.GetValue(_detachKeys));
        var stdin = parse.GetValue(_interactive) && inspect.Config.OpenStdin;
        var connection = await context.Client.Containers.AttachAsync(id, stdin, stdout: true, stderr: true, detachKeys.Text, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var streamer = new HijackedStreamer(connection, stdin ? context.Streams.InStream : null, context.Streams.OutStream, context.Streams.ErrStream, tty, detachKeys.Bytes, context.Streams.InIsTerminal);
            using var stopStreaming = new CancellationTokenSource();
            var streaming = streamer.StreamAsync(stopStreaming.Token);
            var exit = await RunCommand.WaitAsync(context, id, inspect.HostConfig.AutoRemove).ConfigureAwait(false);
            try
            {
                await context.Client.Containers.StartAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DaemonException or DaemonUnreachableException)
            {
                await stopStreaming.CancelAsync().ConfigureAwait(false);
                if (inspect.HostConfig.AutoRemove)
                {
                    await exit.ConfigureAwait(false);
                }

                throw new CliStatusException(1, e.Message);
            }

            using var resizer = tty && context.Streams.OutIsTerminal
                ? TtyResizer.Start((h, w, token) => context.Client.Containers.ResizeAsync(id, h, w, token), context.Err)
                : null;
            if (await streaming.ConfigureAwait(false))
            {
                return 0;
            }

            var status = await exit.ConfigureAwait(false);
            return status;
        }
    }
}
