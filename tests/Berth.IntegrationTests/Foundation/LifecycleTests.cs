using System.Diagnostics;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>create, start, stop, kill, restart, wait, rm, rename, pause: states and Docker's messages.</summary>
public sealed class LifecycleTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Create_then_start_runs_the_container()
    {
        var name = Name("create");
        (await DockerAsync("create", "--name", name, "busybox", "sleep", "300")).Ok();
        Assert.Equal("created", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Stdout.Trim());
        Assert.Contains("Created", (await DockerAsync("ps", "-a", "--filter", "name=" + name)).Stdout);
        (await DockerAsync("start", name)).Ok();
        Assert.Contains("Up", (await DockerAsync("ps", "--filter", "name=" + name)).Stdout);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task A_running_container_is_not_removed_without_force()
    {
        var name = Name("rmrun");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        var refused = await DockerAsync("rm", name);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"cannot remove container \"/{name}\": container is running: stop the container before removing or force remove", refused.Stderr);
        (await DockerAsync("rm", "-f", name)).Ok();
        Assert.Contains("No such container", (await DockerAsync("container", "inspect", name)).Stderr);
    }

    [Fact]
    public async Task Unknown_and_taken_names_get_dockers_messages()
    {
        Assert.Contains("No such container: it-nosuch", (await DockerAsync("rm", "it-nosuch")).Stderr);
        var name = Name("taken");
        var id = (await DockerAsync("create", "--name", name, "busybox")).Ok().Stdout.Trim();
        var conflict = await DockerAsync("create", "--name", name, "busybox");
        Assert.Contains($"Conflict. The container name \"/{name}\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.", conflict.Stderr);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Stop_sends_sigterm_then_sigkill_after_the_timeout()
    {
        var name = Name("stop");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "trap 'exit 3' TERM; while true; do sleep 1; done")).Ok();
        (await DockerAsync("stop", "-t", "5", name)).Ok();
        Assert.Equal("3", (await DockerAsync("inspect", "-f", "{{.State.ExitCode}}", name)).Stdout.Trim());

        var stubborn = Name("stubborn");
        (await DockerAsync("run", "-d", "--name", stubborn, "busybox", "sleep", "300")).Ok();
        var watch = Stopwatch.StartNew();
        (await DockerAsync("stop", "-t", "1", stubborn)).Ok();
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Equal("137", (await DockerAsync("inspect", "-f", "{{.State.ExitCode}}", stubborn)).Stdout.Trim());
        Assert.Contains("Exited (137)", (await DockerAsync("ps", "-a", "--filter", "name=" + stubborn)).Stdout);
        (await DockerAsync("rm", name, stubborn)).Ok();
    }

    [Fact]
    public async Task Kill_with_a_signal_reaches_the_process()
    {
        var name = Name("kill");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "trap 'exit 42' USR1; while true; do sleep 1; done")).Ok();
        (await DockerAsync("kill", "-s", "USR1", name)).Ok();
        Assert.Equal("42", (await DockerAsync("wait", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Restart_gives_a_new_process()
    {
        var name = Name("restart");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        var pid = (await DockerAsync("inspect", "-f", "{{.State.Pid}}", name)).Stdout.Trim();
        (await DockerAsync("restart", "-t", "0", name)).Ok();
        var after = (await DockerAsync("inspect", "-f", "{{.State.Status}} {{.State.Pid}}", name)).Stdout.Trim().Split(' ');
        Assert.Equal("running", after[0]);
        Assert.NotEqual(pid, after[1]);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task Restart_keeps_a_container_run_with_rm_and_its_files()
    {
        var name = Name("restartrm");
        (await DockerAsync("run", "-d", "--rm", "--name", name, "busybox", "sh", "-c", "echo $$ >> /runs; exec sleep 300")).Ok();
        (await DockerAsync("restart", "-t", "0", name)).Ok();

        // moby does not auto-remove on the exit a restart causes; the (volatile) overlay mounts again with the first run's files
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        Assert.Equal(2, (await DockerAsync("exec", name, "cat", "/runs")).Ok().Stdout.Trim().Split('\n').Length);
        (await DockerAsync("stop", "-t", "0", name)).Ok();

        // a stop is an exit like any other: the container goes (after the stop has returned, as in moby)
        await Eventually.TrueAsync(async () => (await DockerAsync("container", "inspect", name)).Stderr.Contains("No such container", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Rename_pause_and_unpause()
    {
        var name = Name("rename");
        var renamed = Name("renamed");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        (await DockerAsync("rename", name, renamed)).Ok();
        Assert.Equal("/" + renamed, (await DockerAsync("inspect", "-f", "{{.Name}}", renamed)).Ok().Stdout.Trim());
        (await DockerAsync("pause", renamed)).Ok();
        Assert.Equal("paused", (await DockerAsync("inspect", "-f", "{{.State.Status}}", renamed)).Stdout.Trim());
        Assert.Contains("(Paused)", (await DockerAsync("ps", "--filter", "name=" + renamed)).Stdout);
        (await DockerAsync("unpause", renamed)).Ok();
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", renamed)).Stdout.Trim());
        (await DockerAsync("rm", "-f", renamed)).Ok();
    }

    [Fact]
    public async Task Ps_aq_feeds_rm_and_prune_reclaims_stopped_containers()
    {
        var label = "it.prune=" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            (await DockerAsync("run", "--label", label, "busybox", "true")).Ok();
        }

        var ids = (await DockerAsync("ps", "-a", "-q", "--filter", "label=" + label)).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, ids.Length);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{12}$", id));
        (await DockerAsync(["rm", .. ids])).Ok();
        Assert.Empty((await DockerAsync("ps", "-a", "-q", "--filter", "label=" + label)).Stdout.Trim());

        (await DockerAsync("run", "--label", label, "busybox", "true")).Ok();
        var pruned = (await DockerAsync("container", "prune", "-f", "--filter", "label=" + label)).Ok();
        Assert.Contains("Total reclaimed space", pruned.Stdout);
        Assert.Empty((await DockerAsync("ps", "-a", "-q", "--filter", "label=" + label)).Stdout.Trim());
    }

    [Fact]
    public async Task Ps_filters_and_formats()
    {
        var name = Name("psf");
        Assert.Equal(3, (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "exit 3")).ExitCode);
        var exited = (await DockerAsync("ps", "-a", "--filter", "status=exited", "--filter", "name=" + name)).Ok().Stdout;
        Assert.Contains("Exited (3)", exited);
        Assert.StartsWith("CONTAINER ID   IMAGE", exited);
        Assert.Contains(name, (await DockerAsync("ps", "-a", "--filter", "ancestor=busybox", "--format", "{{.Names}}")).Stdout);
        Assert.Empty((await DockerAsync("ps", "--filter", "name=" + name, "-q")).Stdout.Trim());
        var latest = (await DockerAsync("ps", "-l", "-q", "--no-trunc")).Ok().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", latest);
        (await DockerAsync("rm", name)).Ok();
    }
}
