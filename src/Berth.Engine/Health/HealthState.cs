namespace Berth.Engine.Health;

/// <summary>A container's health as inspect shows it: starting, healthy or unhealthy, with the last probes.</summary>
public sealed record HealthState
{
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    /// <summary>moby keeps the last five probes.</summary>
    private const int KeptProbes = 5;

    public string Status { get; init; } = Starting;

    public int FailingStreak { get; init; }

    public IReadOnlyList<HealthProbe> Log { get; init; } = [];

    /// <summary>
    /// moby's rules: a pass makes the container healthy; a failure counts towards the retries, except while
    /// the start period lasts and the container has not been healthy yet; enough failures in a row make it unhealthy.
    /// </summary>
    public HealthState After(HealthProbe probe, int retries, bool inStartPeriod)
    {
        var log = Log.Append(probe).TakeLast(KeptProbes).ToList();
        if (probe.ExitCode == 0)
        {
            return new HealthState { Status = Healthy, FailingStreak = 0, Log = log };
        }

        if (inStartPeriod && Status == Starting)
        {
            return this with { Log = log };
        }

        var streak = FailingStreak + 1;
        return new HealthState { Status = streak >= retries ? Unhealthy : Status, FailingStreak = streak, Log = log };
    }
}

/// <summary>One run of the health command: its output is cut to 4 KiB as moby does.</summary>
public sealed record HealthProbe(DateTime Start, DateTime End, int ExitCode, string Output);
