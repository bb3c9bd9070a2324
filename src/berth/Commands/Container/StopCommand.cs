using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker stop: POST /containers/{id}/stop for each container, in parallel.</summary>
internal sealed class StopCommand : DockerCommand
{
    private readonly Flag<string> _signal = Flags.String("signal", 's', "Signal to send to the container");
    private readonly Flag<int> _timeout = Flags.Int("timeout", 't', "Seconds to wait before killing the container");
    private readonly Flag<int> _time = Flags.Int("time", null, "Seconds to wait before killing the container (deprecated: use --timeout)", hidden: true);

    public StopCommand()
        : base("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container stop, docker stop";
        Add(_signal);
        Add(_timeout);
        Add(_time);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var timeout = await StopTimeout.ReadAsync(context, parse, _timeout, _time).ConfigureAwait(false);
        var signal = parse.GetValue(_signal);
        return await Batch.RunAsync(context, parse.GetValue(Operands)!, (id, token) => context.Client.Containers.StopAsync(id, signal, timeout, token), ct).ConfigureAwait(false);
    }
}

/// <summary>The -t/--timeout of stop and restart, with the deprecated --time spelling.</summary>
internal static class StopTimeout
{
    public static async Task<int?> ReadAsync(CliContext context, ParseResult parse, Option<int> timeout, Option<int> time)
    {
        var timeoutGiven = parse.GetResult(timeout) is { Implicit: false };
        var timeGiven = parse.GetResult(time) is { Implicit: false };
        if (timeoutGiven && timeGiven)
        {
            throw new CliStatusException(1, "conflicting options: cannot specify both --timeout and --time");
        }

        if (timeGiven)
        {
            await context.Err.WriteLineAsync("Flag --time has been deprecated, use --timeout instead").ConfigureAwait(false);
            return parse.GetValue(time);
        }

        return timeoutGiven ? parse.GetValue(timeout) : null;
    }
}
