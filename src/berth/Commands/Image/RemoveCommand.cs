using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client;

namespace Berth.Cli.Commands.Image;

/// <summary>docker rmi / image rm: DELETE /images/{name} for each, printing "Untagged:" and "Deleted:" lines.</summary>
internal sealed class RemoveCommand : DockerCommand
{
    private readonly Flag<bool> _force = Flags.Bool("force", 'f', "Force removal of the image");
    private readonly Flag<bool> _noPrune = Flags.Bool("no-prune", null, "Do not delete untagged parents");
    private readonly Flag<string[]> _platform = Flags.List("platform", null, "Remove only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")", "strings");

    public RemoveCommand(string name = "rmi", params string[] aliases)
        : base(name, "[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images", ArgsRule.AtLeast(1), aliases)
    {
        AliasesText = "docker image rm, docker image remove, docker rmi";
        Add(_force);
        Add(_noPrune);
        Add(_platform);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (parse.GetValue(_platform) is { Length: > 0 })
        {
            await context.RequireFlagApiVersionAsync("platform", "1.50", ct).ConfigureAwait(false);
        }

        var force = parse.GetValue(_force);
        var fatal = false;
        var errors = new List<string>();
        foreach (var image in parse.GetValue(Operands)!)
        {
            try
            {
                foreach (var item in await context.Client.Images.RemoveAsync(image, force, parse.GetValue(_noPrune), ct).ConfigureAwait(false))
                {
                    await context.Out.WriteLineAsync(item.Deleted is { Length: > 0 } deleted ? "Deleted: " + deleted : "Untagged: " + item.Untagged).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                fatal |= e is not DaemonException { IsNotFound: true };
                errors.Add(e.Message);
            }
        }

        if (errors.Count == 0)
        {
            return 0;
        }

        if (!force || fatal)
        {
            throw new CliStatusException(1, string.Join('\n', errors));
        }

        await context.Err.WriteLineAsync(string.Join('\n', errors)).ConfigureAwait(false);
        return 0;
    }
}
