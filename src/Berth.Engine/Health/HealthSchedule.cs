using Berth.Engine.Containers;

namespace Berth.Engine.Health;

/// <summary>A healthcheck with Docker's defaults filled in: interval and timeout 30 s, start interval 5 s, 3 retries.</summary>
public sealed record HealthSchedule(IReadOnlyList<string> Command, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod, TimeSpan StartInterval, int Retries)
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultStartInterval = TimeSpan.FromSeconds(5);

    /// <summary>The schedule of a container's healthcheck; null without one or with ["NONE"].</summary>
    public static HealthSchedule? For(HealthcheckSettings? check)
    {
        if (check?.Test is not { Count: > 0 } test || test[0] == "NONE")
        {
            return null;
        }

        IReadOnlyList<string> command = test[0] switch
        {
            "CMD" => test.Skip(1).ToList(),
            "CMD-SHELL" => ["/bin/sh", "-c", string.Join(' ', test.Skip(1))],
            _ => [],
        };
        if (command.Count == 0)
        {
            return null;
        }

        return new HealthSchedule(
            command,
            check.Interval > 0 ? FromNanoseconds(check.Interval) : DefaultInterval,
            check.Timeout > 0 ? FromNanoseconds(check.Timeout) : DefaultInterval,
            check.StartPeriod > 0 ? FromNanoseconds(check.StartPeriod) : TimeSpan.Zero,
            check.StartInterval > 0 ? FromNanoseconds(check.StartInterval) : DefaultStartInterval,
            check.Retries > 0 ? check.Retries : 3);
    }

    /// <summary>The wait before the next probe: the start interval while the start period lasts, else the interval.</summary>
    public TimeSpan NextDelay(bool inStartPeriod) => inStartPeriod ? StartInterval : Interval;

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);
}
