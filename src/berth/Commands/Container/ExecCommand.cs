using System.CommandLine;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;
using Berth.Cli.Interop;
using Berth.Cli.Options;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// docker exec: inspect (so that a missing container is reported first), POST /exec, then a hijacked
/// exec start (or a plain one with -d), and the exit code from GET /exec/{id}/json.
/// </summary>
internal sealed class ExecCommand : DockerCommand
{
    private readonly Flag<bool> _detach = Flags.Bool("detach", 'd', "Detached mode: run command in the background");
    private readonly Flag<string> _detachKeys = Flags.String("detach-keys", null, "Override the key sequence for detaching a container");
    private readonly Flag<string[]> _env = Flags.List("env", 'e', "Set environment variables", validate: FlagValidators.Env);
    private readonly Flag<string[]> _envFile = Flags.List("env-file", null, "Read in a file of environment variables");
    private readonly Flag<bool> _interactive = Flags.Bool("interactive", 'i', "Keep STDIN open even if not attached");
    private readonly Flag<bool> _privileged = Flags.Bool("privileged", null, "Give extended privileges to the command");
    private readonly Flag<bool> _tty = Flags.Bool("tty", 't', "Allocate a pseudo-TTY");
    private readonly Flag<string> _user = Flags.String("user", 'u', "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
    private readonly Flag<string> _workdir = Flags.String("workdir", 'w', "Working directory inside the container");

    public ExecCommand()
        : base("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", ArgsRule.AtLeast(2))
    {
        AliasesText = "docker container exec, docker exec";
        TopRank = 2;
        Interspersed = false;
        Add(_detach);
        Add(_detachKeys);
        Add(_env);
        Add(_envFile);
        Add(_interactive);
        Add(_privileged);
        Add(_tty);
        Add(_user);
        Add(_workdir);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var container = operands[0];
        var config = Config(context, parse, operands[1..]);
        await context.Client.Containers.InspectAsync(container, ct).ConfigureAwait(false);
        if (!config.Detach && config.Tty && config.AttachStdin && !context.Streams.InIsTerminal)
        {
            throw new CliStatusException(1, "the input device is not a TTY");
        }

        if (config.Tty)
        {
            var size = context.Streams.OutIsTerminal ? TerminalIo.GetSize(TerminalIo.StdOut) : null;
            config.ConsoleSize = [size?.Rows ?? 0, size?.Columns ?? 0];
        }

        var execId = (await context.Client.Execs.CreateAsync(container, config, ct).ConfigureAwait(false)).Id;
        if (execId.Length == 0)
        {
            throw new CliStatusException(1, "exec ID empty");
        }

        var start = new ExecStartConfig { Detach = config.Detach, Tty = config.Tty, ConsoleSize = config.ConsoleSize };
        if (config.Detach)
        {
            await context.Client.Execs.StartDetachedAsync(execId, start, ct).ConfigureAwait(false);
            return 0;
        }

        var connection = await context.Client.Execs.AttachAsync(execId, start, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var keys = RunCommand.DetachKeySequence(context, config.DetachKeys);
            var streamer = new HijackedStreamer(
                connection,
                config.AttachStdin ? context.Streams.InStream : null,
                config.AttachStdout ? context.Streams.OutStream : null,
                config.AttachStderr ? (config.Tty ? context.Streams.OutStream : context.Streams.ErrStream) : null,
                config.Tty,
                keys.Bytes,
                context.Streams.InIsTerminal);
            using var resizer = config.Tty && context.Streams.InIsTerminal
                ? TtyResizer.Start((h, w, token) => context.Client.Execs.ResizeAsync(execId, h, w, token), context.Err)
                : null;
            if (await streamer.StreamAsync(CancellationToken.None).ConfigureAwait(false))
            {
                throw new CliStatusException(1, "read escape sequence");
            }
        }

        var inspect = await context.Client.Execs.InspectAsync(execId, ct).ConfigureAwait(false);
        return inspect.ExitCode ?? 0;
    }

    private ExecConfig Config(CliContext context, ParseResult parse, string[] command)
    {
        var detach = parse.GetValue(_detach);
        var env = new List<string>();
        try
        {
            foreach (var file in parse.GetValue(_envFile)!)
            {
                env.AddRange(KeyValueFile.Read(file, context.Environment));
            }
        }
        catch (FormatException e)
        {
            throw new CliStatusException(1, e.Message);
        }

        env.AddRange(parse.GetValue(_env)!);
        var detachKeys = parse.GetValue(_detachKeys) ?? "";
        return new ExecConfig
        {
            User = parse.GetValue(_user) ?? "",
            Privileged = parse.GetValue(_privileged),
            Tty = parse.GetValue(_tty),
            Cmd = [.. command],
            Detach = detach,
            WorkingDir = parse.GetValue(_workdir) ?? "",
            Env = env.Count > 0 ? env : null,
            AttachStdout = !detach,
            AttachStderr = !detach,
            AttachStdin = !detach && parse.GetValue(_interactive),
            DetachKeys = detachKeys.Length > 0 ? detachKeys : context.Config.DetachKeys,
        };
    }
}
