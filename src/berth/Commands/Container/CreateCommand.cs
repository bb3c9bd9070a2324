using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands.Container;

/// <summary>docker create: POST /containers/create (pulling if needed) and print the new ID.</summary>
internal sealed class CreateCommand : DockerCommand
{
    private readonly ContainerFlags _flags = new();
    private readonly Flag<string> _name = RunFlags.Name();
    private readonly Flag<string> _pull = Flags.String("pull", null, "Pull image before creating (\"always\", \"|missing\", \"never\")", ContainerCreator.PullMissing);
    private readonly Flag<bool> _quiet = RunFlags.Quiet();
    private readonly Flag<string> _platform = RunFlags.Platform();

    public CreateCommand()
        : base("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", ArgsRule.AtLeast(1))
    {
        AliasesText = "docker container create, docker create";
        Interspersed = false;
        foreach (var option in _flags.All)
        {
            Add(option);
        }

        Add(_name);
        Add(_pull);
        Add(_quiet);
        Add(RunFlags.UseApiSocket());
        Add(RunFlags.Help());
        Add(_platform);
        Add(RunFlags.DisableContentTrust());
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var creator = new ContainerCreator(context, parse, _flags, "create");
        var pull = parse.GetValue(_pull) ?? "";
        var request = await creator.BuildRequestAsync(pull, ct).ConfigureAwait(false);
        var platform = parse.GetValue(_platform);
        var id = await creator.CreateAsync(request, parse.GetValue(_name), string.IsNullOrEmpty(platform) ? null : platform, pull, parse.GetValue(_quiet), ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(id).ConfigureAwait(false);
        return 0;
    }
}
