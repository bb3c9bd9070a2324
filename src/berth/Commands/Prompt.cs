using Berth.Cli.Cli;

namespace Berth.Cli.Commands;

/// <summary>docker's prompt.Confirm: the question, " [y/N] ", and only "y" (any case) means yes.</summary>
internal static class Prompt
{
    public static async Task<bool> ConfirmAsync(CliContext context, string message, CancellationToken ct)
    {
        await context.Out.WriteAsync(message + " [y/N] ").ConfigureAwait(false);
        var reader = new StreamReader(context.Streams.InStream, leaveOpen: true);
        try
        {
            var answer = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            return string.Equals(answer?.Trim(), "y", StringComparison.OrdinalIgnoreCase);
        }
        catch (OperationCanceledException)
        {
            await context.Out.WriteAsync("\n").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A declined prune: docker's cancelled error, which prints nothing and exits 0.</summary>
    public static CliStatusException Declined() => new(0);
}
