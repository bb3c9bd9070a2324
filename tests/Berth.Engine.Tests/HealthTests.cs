using Berth.Engine.Containers;
using Berth.Engine.Health;

namespace Berth.Engine.Tests;

public sealed class HealthTests
{
    private static HealthProbe Probe(int exitCode) => new(DateTime.UtcNow, DateTime.UtcNow, exitCode, "");

    [Fact]
    public void Failures_in_a_row_make_a_container_unhealthy_and_one_pass_makes_it_healthy()
    {
        var health = new HealthState().After(Probe(1), retries: 2, inStartPeriod: false);
        Assert.Equal((HealthState.Starting, 1), (health.Status, health.FailingStreak));
        health = health.After(Probe(1), 2, false);
        Assert.Equal((HealthState.Unhealthy, 2), (health.Status, health.FailingStreak));
        health = health.After(Probe(0), 2, false);
        Assert.Equal((HealthState.Healthy, 0), (health.Status, health.FailingStreak));
    }

    [Fact]
    public void Failures_during_the_start_period_do_not_count_until_the_first_pass()
    {
        var health = new HealthState().After(Probe(1), 1, inStartPeriod: true);
        Assert.Equal((HealthState.Starting, 0), (health.Status, health.FailingStreak));
        health = health.After(Probe(0), 1, true).After(Probe(1), 1, true);
        Assert.Equal((HealthState.Unhealthy, 1), (health.Status, health.FailingStreak));
    }

    [Fact]
    public void Only_the_last_five_probes_are_kept()
    {
        var health = new HealthState();
        for (var i = 0; i < 7; i++)
        {
            health = health.After(new HealthProbe(DateTime.UtcNow, DateTime.UtcNow, i, ""), 10, false);
        }

        Assert.Equal([2, 3, 4, 5, 6], health.Log.Select(p => p.ExitCode));
    }

    [Fact]
    public void The_schedule_takes_dockers_defaults_and_test_forms()
    {
        var shell = HealthSchedule.For(new HealthcheckSettings(["CMD-SHELL", "test -f /ok"], 0, 0, 0, 0, 0))!;
        Assert.Equal(["/bin/sh", "-c", "test -f /ok"], shell.Command);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 3), (shell.Interval, shell.Timeout, shell.StartInterval, shell.Retries));
        var exec = HealthSchedule.For(new HealthcheckSettings(["CMD", "true"], 200_000_000, 0, 0, 0, 2))!;
        Assert.Equal(["true"], exec.Command);
        Assert.Equal((TimeSpan.FromMilliseconds(200), 2), (exec.Interval, exec.Retries));
        Assert.Null(HealthSchedule.For(new HealthcheckSettings(["NONE"], 0, 0, 0, 0, 0)));
        Assert.Null(HealthSchedule.For(null));
    }
}
