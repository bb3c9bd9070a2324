namespace Berth.Engine.Containers;

/// <summary>
/// Docker's restart policies: whether a container that stopped is started again, and how long to wait
/// first (100 ms, doubling up to a minute; back to 100 ms after a run of 10 s or more).
/// </summary>
internal static class RestartPolicy
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongRun = TimeSpan.FromSeconds(10);

    /// <param name="restartCount">Restarts since the user last started the container.</param>
    /// <param name="manuallyStopped">The user stopped or killed it; only unless-stopped looks at this, as the
    /// other policies never see a user's stop (it cancels them) but do restart with the daemon.</param>
    public static bool ShouldRestart(RestartPolicySettings policy, int exitCode, int restartCount, bool manuallyStopped) => policy.Name switch
    {
        "always" => true,
        "unless-stopped" => !manuallyStopped,
        "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount),
        _ => false,
    };

    /// <summary>The wait before the next restart, given the previous one (zero before the first) and how long the run lasted.</summary>
    public static TimeSpan NextDelay(TimeSpan previous, TimeSpan ranFor) =>
        previous == TimeSpan.Zero || ranFor >= LongRun ? FirstDelay
        : previous * 2 > MaxDelay ? MaxDelay
        : previous * 2;
}
