using System.CommandLine;
using Berth.Api.Contracts.Volumes;
using Berth.Cli.Cli;
using Berth.Cli.Options;

namespace Berth.Cli.Commands.Volume;

/// <summary>docker volume create: POST /volumes/create, printing the volume's name.</summary>
internal sealed class VolumeCreateCommand : DockerCommand
{
    private readonly Flag<string> _driver = Flags.String("driver", 'd', "Specify volume driver name", "local");
    private readonly Flag<string> _name = Flags.String("name", null, "Specify volume name", hidden: true);
    private readonly Flag<string[]> _opt = Flags.List("opt", 'o', "Set driver specific options", "map", defaultText: "map[]");
    private readonly Flag<string[]> _label = Flags.List("label", null, "Set metadata for a volume", validate: FlagValidators.Label);

    public VolumeCreateCommand()
        : base("create", "[OPTIONS] [VOLUME]", "Create a volume", ArgsRule.AtMost(1))
    {
        Add(_driver);
        Add(_name);
        Add(_opt);
        Add(_label);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var name = parse.GetValue(_name) ?? "";
        if (parse.GetValue(Operands) is [var positional])
        {
            if (name.Length > 0)
            {
                throw new CliStatusException(1, "conflicting options: cannot specify a volume-name through both --name and as a positional arg");
            }

            name = positional;
        }

        var request = new VolumeCreateRequest
        {
            Driver = parse.GetValue(_driver),
            Name = name.Length > 0 ? name : null,
            DriverOpts = KeyValues.ToMap(parse.GetValue(_opt)!),
            Labels = KeyValues.ToMap(parse.GetValue(_label)!),
        };
        var volume = await context.Client.Volumes.CreateAsync(request, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(volume.Name).ConfigureAwait(false);
        return 0;
    }
}
