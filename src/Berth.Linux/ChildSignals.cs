using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// SIGCHLD as a counter one can wait on: every delivery advances <see cref="Generation"/>, and runs a
/// pass of <see cref="StrayReaper"/> when it is enabled. The kernel raises SIGCHLD here whenever a child
/// of ours exits, and also whenever an exited process is reparented to us, a subreaper.
/// </summary>
internal static class ChildSignals
{
    private static readonly Lock Lock = new();
    private static long _generation;
    private static TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static PosixSignalRegistration? _registration;

    public static long Generation
    {
        get
        {
            lock (Lock)
            {
                return _generation;
            }
        }
    }

    /// <summary>Starts listening; call before the first SIGCHLD that matters.</summary>
    public static void Listen()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException();
        }

        lock (Lock)
        {
            _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => OnSignal());
        }
    }

    /// <summary>Completes once a SIGCHLD later than <paramref name="seen"/> (a <see cref="Generation"/>) has arrived.</summary>
    public static Task NextAsync(long seen)
    {
        lock (Lock)
        {
            return _generation > seen ? Task.CompletedTask : _next.Task;
        }
    }

    private static void OnSignal()
    {
        StrayReaper.OnChildSignal();
        TaskCompletionSource arrived;
        lock (Lock)
        {
            _generation++;
            arrived = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.SetResult();
    }
}
