using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>--health-cmd: starting, unhealthy after the retries, healthy after a pass, timeouts, and ps showing it.</summary>
public sealed class HealthcheckTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private async Task<string> HealthOf(string name) =>
        (await DockerAsync("inspect", "-f", "{{.State.Health.Status}}", name)).Ok().Stdout.Trim();

    [Fact]
    public async Task A_failing_check_makes_the_container_unhealthy_and_a_passing_one_healthy()
    {
        var name = Name("health");
        (await DockerAsync("run", "-d", "--name", name, "--health-cmd", "test -f /tmp/ok && echo fine", "--health-interval", "200ms", "--health-retries", "2", "busybox", "sleep", "300")).Ok();
        Assert.Contains("(health: starting)", (await DockerAsync("ps", "--filter", "name=" + name)).Ok().Stdout);
        await Eventually.TrueAsync(async () => await HealthOf(name) == "unhealthy", TimeSpan.FromSeconds(20));
        Assert.Contains("(unhealthy)", (await DockerAsync("ps", "--filter", "name=" + name)).Ok().Stdout);

        (await DockerAsync("exec", name, "touch", "/tmp/ok")).Ok();
        await Eventually.TrueAsync(async () => await HealthOf(name) == "healthy", TimeSpan.FromSeconds(20));
        Assert.Equal("0", (await DockerAsync("inspect", "-f", "{{.State.Health.FailingStreak}}", name)).Ok().Stdout.Trim());
        Assert.EndsWith("fine\n|", await LastOutput(name), StringComparison.Ordinal);
        Assert.Contains(name, (await DockerAsync("ps", "--filter", "health=healthy")).Ok().Stdout);
        Assert.DoesNotContain(name, (await DockerAsync("ps", "--filter", "health=unhealthy")).Ok().Stdout);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task A_check_over_its_timeout_fails_with_dockers_message()
    {
        var name = Name("slowhealth");
        (await DockerAsync("run", "-d", "--name", name, "--health-cmd", "sleep 10", "--health-interval", "200ms", "--health-timeout", "300ms", "--health-retries", "1", "busybox", "sleep", "300")).Ok();
        await Eventually.TrueAsync(async () => await HealthOf(name) == "unhealthy", TimeSpan.FromSeconds(20));
        Assert.Contains("Health check exceeded timeout (300ms)", await LastOutput(name));
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    private async Task<string> LastOutput(string name) =>
        (await DockerAsync("inspect", "-f", "{{range .State.Health.Log}}{{.Output}}|{{end}}", name)).Ok().Stdout.TrimEnd('\n');
}
