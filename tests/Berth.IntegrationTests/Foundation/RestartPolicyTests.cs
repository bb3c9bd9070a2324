using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>--restart: on-failure with a retry limit, always until stopped, and which policies come back with the daemon.</summary>
public sealed class RestartPolicyTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private async Task<string> StateOf(string name) =>
        (await DockerAsync("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}", name)).Ok().Stdout.Trim();

    [Fact]
    public async Task On_failure_restarts_up_to_its_limit_then_stays_exited()
    {
        var name = Name("onfail");
        (await DockerAsync("run", "-d", "--name", name, "--restart", "on-failure:2", "busybox", "sh", "-c", "echo run; exit 3")).Ok();
        await Eventually.TrueAsync(async () => await StateOf(name) == "exited 3 2", TimeSpan.FromSeconds(20));
        Assert.Equal("run\nrun\nrun\n", (await DockerAsync("logs", name)).Ok().Stdout);
        Assert.Equal("on-failure 2", (await DockerAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Always_restarts_until_stopped_and_a_restarting_container_needs_force_to_go()
    {
        var name = Name("always");
        (await DockerAsync("run", "-d", "--name", name, "--restart", "always", "busybox", "false")).Ok();
        // after five restarts the back-off is 3.2 s: long enough to act on the restarting state
        await Eventually.TrueAsync(async () => await StateOf(name) == "restarting 1 5", TimeSpan.FromSeconds(20));
        Assert.Contains("Restarting (1)", (await DockerAsync("ps", "--filter", "name=" + name)).Ok().Stdout);
        var refused = await DockerAsync("rm", name);
        Assert.Contains("container is restarting: stop the container before removing or force remove", refused.Stderr);
        (await DockerAsync("stop", name)).Ok();
        var stopped = await StateOf(name);
        Assert.StartsWith("exited 1", stopped, StringComparison.Ordinal);
        (await DockerAsync("run", "--rm", "busybox", "true")).Ok();
        Assert.Equal(stopped, await StateOf(name));
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task The_daemon_brings_back_always_and_unless_stopped_but_not_a_stopped_unless_stopped()
    {
        var always = Name("always-stopped");
        var unless = Name("unless");
        var unlessStopped = Name("unless-stopped");
        var none = Name("none");
        foreach (var (name, policy) in new[] { (always, "always"), (unless, "unless-stopped"), (unlessStopped, "unless-stopped"), (none, "no") })
        {
            (await DockerAsync("run", "-d", "--name", name, "--restart", policy, "busybox", "sleep", "300")).Ok();
        }

        (await DockerAsync("stop", "-t", "0", always, unlessStopped)).Ok();
        await Daemon.CrashAndRestartAsync();

        Assert.StartsWith("running", await StateOf(always), StringComparison.Ordinal);
        Assert.StartsWith("running", await StateOf(unless), StringComparison.Ordinal);
        Assert.StartsWith("exited", await StateOf(unlessStopped), StringComparison.Ordinal);
        Assert.Equal("exited 255 0", await StateOf(none));
        (await DockerAsync("rm", "-f", always, unless, unlessStopped, none)).Ok();
    }
}
