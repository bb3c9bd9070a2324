using Berth.Engine.Containers;

namespace Berth.Engine.Tests;

public sealed class RestartPolicyTests
{
    [Theory]
    [InlineData("no", 1, 0, false, false)]
    [InlineData("always", 0, 5, false, true)]
    [InlineData("always", 0, 0, true, true)]
    [InlineData("unless-stopped", 0, 0, false, true)]
    [InlineData("unless-stopped", 1, 0, true, false)]
    [InlineData("on-failure", 0, 0, false, false)]
    [InlineData("on-failure", 2, 0, false, true)]
    public void The_policy_decides_from_the_exit_code_and_the_users_stop(string name, int exitCode, int restarts, bool manuallyStopped, bool expected) =>
        Assert.Equal(expected, RestartPolicy.ShouldRestart(new RestartPolicySettings(name, 0), exitCode, restarts, manuallyStopped));

    [Fact]
    public void On_failure_stops_after_its_maximum_retry_count()
    {
        var policy = new RestartPolicySettings("on-failure", 2);
        Assert.True(RestartPolicy.ShouldRestart(policy, 1, 1, false));
        Assert.False(RestartPolicy.ShouldRestart(policy, 1, 2, false));
    }

    [Fact]
    public void The_back_off_doubles_up_to_a_minute_and_resets_after_a_long_run()
    {
        var shortRun = TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RestartPolicy.NextDelay(TimeSpan.Zero, shortRun));
        Assert.Equal(TimeSpan.FromMilliseconds(200), RestartPolicy.NextDelay(TimeSpan.FromMilliseconds(100), shortRun));
        Assert.Equal(TimeSpan.FromMinutes(1), RestartPolicy.NextDelay(TimeSpan.FromSeconds(40), shortRun));
        Assert.Equal(TimeSpan.FromMilliseconds(100), RestartPolicy.NextDelay(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10)));
    }
}
