using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client.Operations;
using Berth.Client.Streams;

namespace Berth.Cli.Commands.Container;

/// <summary>docker logs: inspect for the full ID and Config.Tty, then GET /logs, raw for a TTY, demultiplexed otherwise.</summary>
internal sealed class LogsCommand : DockerCommand
{
    private readonly Flag<bool> _details = Flags.Bool("details", null, "Show extra details provided to logs");
    private readonly Flag<bool> _follow = Flags.Bool("follow", 'f', "Follow log output");
    private readonly Flag<string> _since = Flags.String("since", null, "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
    private readonly Flag<string> _tail = Flags.String("tail", 'n', "Number of lines to show from the end of the logs", "all");
    private readonly Flag<bool> _timestamps = Flags.Bool("timestamps", 't', "Show timestamps");
    private readonly Flag<string> _until = Flags.String("until", null, "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");

    public LogsCommand()
        : base("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", ArgsRule.Exactly(1))
    {
        AliasesText = "docker container logs, docker logs";
        Add(_details);
        Add(_follow);
        Add(_since);
        Add(_tail);
        Add(_timestamps);
        Add(_until);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var inspect = await context.Client.Containers.InspectAsync(parse.GetValue(Operands)![0], ct).ConfigureAwait(false);
        var now = DateTimeOffset.Now;
        var options = new LogsOptions(
            Since: Timestamps.ToApi(parse.GetValue(_since) ?? "", now, "since"),
            Until: Timestamps.ToApi(parse.GetValue(_until) ?? "", now, "until"),
            Timestamps: parse.GetValue(_timestamps),
            Details: parse.GetValue(_details),
            Follow: parse.GetValue(_follow),
            Tail: parse.GetValue(_tail) ?? "all");
        await using var response = await context.Client.Containers.LogsAsync(inspect.Id, options, ct).ConfigureAwait(false);
        if (inspect.Config.Tty)
        {
            await response.Body.CopyToAsync(context.Streams.OutStream, ct).ConfigureAwait(false);
        }
        else
        {
            await StdCopy.CopyAsync(response.Body, context.Streams.OutStream, context.Streams.ErrStream, ct).ConfigureAwait(false);
        }

        return 0;
    }
}
