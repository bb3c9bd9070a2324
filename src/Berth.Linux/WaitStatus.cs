namespace Berth.Linux;

/// <summary>
/// How a child ended: an exit code, or the signal that killed it. Both are null when the status could
/// not be learnt (the process was reaped by someone else).
/// </summary>
public readonly record struct WaitStatus(int? ExitCode, int? Signal)
{
    /// <summary>As a shell reports it: the exit code, or 128 + the signal; 255 when unknown.</summary>
    public int ShellCode => ExitCode ?? (Signal is { } signal ? 128 + signal : 255);
}
