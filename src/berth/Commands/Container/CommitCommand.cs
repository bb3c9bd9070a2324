using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.References;
using Berth.Client.Operations;

namespace Berth.Cli.Commands.Container;

/// <summary>docker commit: POST /commit?container=&amp;repo=&amp;tag=, printing the new image ID.</summary>
internal sealed class CommitCommand : DockerCommand
{
    private readonly Flag<string> _author = Flags.String("author", 'a', "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
    private readonly Flag<string[]> _change = Flags.List("change", 'c', "Apply Dockerfile instruction to the created image");
    private readonly Flag<string> _message = Flags.String("message", 'm', "Commit message");
    private readonly Flag<bool> _pause = Flags.Bool("pause", 'p', "Pause container during commit", defaultValue: true);

    public CommitCommand()
        : base("commit", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes", ArgsRule.Between(1, 2))
    {
        AliasesText = "docker container commit, docker commit";
        Interspersed = false;
        Add(_author);
        Add(_change);
        Add(_message);
        Add(_pause);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        string? repository = null;
        string? tag = null;
        if (operands.Length > 1)
        {
            ImageReference reference;
            try
            {
                reference = ImageReference.Parse(operands[1]);
            }
            catch (FormatException e)
            {
                throw new CliStatusException(1, e.Message);
            }

            if (reference.Digest is not null)
            {
                throw new CliStatusException(1, "refusing to create a tag with a digest reference");
            }

            reference = reference.WithDefaultTag();
            repository = reference.FamiliarName;
            tag = reference.Tag;
        }

        var options = new CommitOptions(repository, tag, parse.GetValue(_message), parse.GetValue(_author), parse.GetValue(_change)!, parse.GetValue(_pause), null);
        var response = await context.Client.Containers.CommitAsync(operands[0], options, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(response.Id).ConfigureAwait(false);
        return 0;
    }
}
