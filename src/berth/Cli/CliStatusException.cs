namespace Berth.Cli.Cli;

/// <summary>
/// docker's cli.StatusError: ends the command with <see cref="Status"/> and prints the message
/// (if any) on stderr.
/// </summary>
internal sealed class CliStatusException(int status, string message = "") : Exception(message)
{
    public int Status { get; } = status;
}
