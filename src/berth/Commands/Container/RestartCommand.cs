using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>docker restart: POST /containers/{id}/restart, one container after the other.</summary>
internal sealed class RestartCommand : DockerCommand
{
    private readonly Flag<string> _signal = Flags.String("signal", 's', "Signal to send to the container");
    private readonly Flag<int> _timeout = Flags.Int("timeout", 't', "Seconds to wait before killing the container");
    private readonly Flag<int> _time = Flags.Int("time", null, "Seconds to wait before killing the container (deprecated: use --timeout)", hidden: true);

    public RestartCommand()
        : base("restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container restart, docker restart";
        Add(_signal);
        Add(_timeout);
        Add(_time);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var timeout = await StopTimeout.ReadAsync(context, parse, _timeout, _time).ConfigureAwait(false);
        var signal = parse.GetValue(_signal);
        return await Batch.RunAsync(context, parse.GetValue(Operands)!, (id, token) => context.Client.Containers.RestartAsync(id, signal, timeout, token), ct, parallel: false).ConfigureAwait(false);
    }
}
