using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Cli.References;

namespace Berth.Cli.Commands.Image;

/// <summary>docker tag: POST /images/{source}/tag?repo=&lt;fully qualified&gt;&amp;tag=.</summary>
internal sealed class TagCommand : DockerCommand
{
    public TagCommand()
        : base("tag", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", ArgsRule.Exactly(2))
    {
        AliasesText = "docker image tag, docker tag";
        Interspersed = false;
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        var source = operands[0];
        var targetText = operands[1];
        if (!IsAnyReference(source))
        {
            throw new CliStatusException(1, $"Error parsing reference: \"{source}\" is not a valid repository/tag: invalid reference format");
        }

        ImageReference target;
        try
        {
            target = ImageReference.Parse(targetText);
        }
        catch (FormatException e)
        {
            throw new CliStatusException(1, $"Error parsing reference: \"{targetText}\" is not a valid repository/tag: {e.Message}");
        }

        if (target.Digest is not null)
        {
            throw new CliStatusException(1, "refusing to create a tag with a digest reference");
        }

        target = target.WithDefaultTag();
        await context.Client.Images.TagAsync(source, target.Name, target.Tag!, ct).ConfigureAwait(false);
        return 0;
    }

    /// <summary>reference.ParseAnyReference: a name, or a full or short image ID.</summary>
    private static bool IsAnyReference(string text) =>
        ImageReference.TryParse(text, out _) || (text.StartsWith("sha256:", StringComparison.Ordinal) && text.Length == 71 && text[7..].All(char.IsAsciiHexDigitLower));
}
