using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Image;

/// <summary>docker image inspect: GET /images/{name}/json, the raw answer printed.</summary>
internal sealed class InspectCommand : DockerCommand
{
    private readonly Flag<string> _format = Flags.String("format", 'f', FormatFlag.InspectHelp);
    private readonly Flag<string> _platform = Flags.String("platform", null, "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)");

    public InspectCommand()
        : base("inspect", "[OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images", ArgsRule.AtLeast(1))
    {
        Add(_format);
        Add(_platform);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (Given(parse, _platform))
        {
            await context.RequireFlagApiVersionAsync("platform", "1.49", ct).ConfigureAwait(false);
        }

        return await Inspector.InspectAsync(context, parse.GetValue(Operands)!, parse.GetValue(_format) ?? "", context.Client.Images.InspectRawAsync, ct).ConfigureAwait(false);
    }
}
