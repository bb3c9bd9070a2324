using Berth.Cli.Cli;
using Berth.Cli.References;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Image;

/// <summary>POST /images/create?fromImage=: a pull, its progress rendered as docker renders it.</summary>
internal static class ImagePuller
{
    public static async Task PullAsync(CliContext context, ImageReference reference, string? platform, TextWriter output, bool outputIsTerminal, CancellationToken ct)
    {
        var tagged = reference.WithDefaultTag();
        var tag = tagged.Digest ?? tagged.Tag ?? "latest";
        await using var response = await context.Client.Images.PullAsync(tagged.Name, tag, platform, RegistryAuth.Encode(context.Config, reference), ct).ConfigureAwait(false);
        await ProgressDisplay.RunAsync(response.Body, output, outputIsTerminal, null, ct).ConfigureAwait(false);
    }
}
