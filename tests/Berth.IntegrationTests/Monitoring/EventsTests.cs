using System.Globalization;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Monitoring;

/// <summary>docker events: replay with --since, live events flushed as they happen, the end at --until, filters, and the legacy fields.</summary>
public sealed class EventsTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static string UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_live_stream_shows_the_lifecycle_and_ends_at_until()
    {
        var name = Name("ev");
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var watching = DockerAsync("events", "--since", UnixSeconds(start), "--until", UnixSeconds(start.AddSeconds(8)), "--filter", "container=" + name);
        Assert.Equal(3, (await DockerAsync("run", "--name", name, "-l", "tier=web", "busybox", "sh", "-c", "exit 3")).ExitCode);
        (await DockerAsync("rm", name)).Ok();

        var lines = (await watching).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["create", "attach", "start", "die", "destroy"], lines.Select(l => l.Split(' ')[2]).Where(a => a != "resize").ToArray());
        var die = lines.Single(l => l.Split(' ')[2] == "die");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container die [0-9a-f]{64} \(exitCode=3, image=busybox, name=" + name + @", tier=web\)$", die);
    }

    [Fact]
    public async Task Past_events_are_replayed_filtered_and_the_stream_ends_at_once()
    {
        var name = Name("evpast");
        var since = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(-1));
        (await DockerAsync("run", "--name", name, "busybox", "true")).Ok();
        (await DockerAsync("rm", name)).Ok();
        var until = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(1));

        var docker = (await DockerAsync("events", "--since", since, "--until", until, "--filter", "container=" + name, "--filter", "event=die", "--format", "{{.Status}} {{.Actor.Attributes.exitCode}} {{.From}}")).Ok();
        Assert.Equal("die 0 busybox\n", docker.Stdout);

        // berth prints what docker prints
        string[] all = ["events", "--since", since, "--until", until, "--filter", "container=" + name];
        Assert.Equal((await DockerAsync(all)).Ok().Stdout, (await BerthAsync(all)).Ok().Stdout);
    }

    [Fact]
    public async Task Docker_dotnet_receives_each_event_while_the_stream_stays_open()
    {
        var name = Name("evnet");
        var received = new Reports<Message>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var parameters = new ContainerEventsParameters
        {
            Since = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(-1)),
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["container"] = new Dictionary<string, bool> { [name] = true } },
        };
        var monitor = Daemon.Client.System.MonitorEventsAsync(parameters, received, stop.Token);

        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        (await DockerAsync("rm", "-f", name)).Ok();
        await Eventually.TrueAsync(() => Task.FromResult(received.Items.Any(m => m.Action == "destroy")), TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => monitor);

        Assert.Equal(["create", "start", "kill", "die", "destroy"], received.Items.Select(m => m.Action).ToArray());
        var kill = received.Items.Single(m => m.Action == "kill");
        Assert.Equal(("container", "kill", "local", "busybox"), (kill.Type, kill.Status, kill.Scope, kill.From));
        Assert.Equal(kill.Actor.ID, kill.ID);
        Assert.Equal("9", kill.Actor.Attributes["signal"]);
        Assert.Equal(kill.Time, kill.TimeNano / 1_000_000_000);
    }

    [Fact]
    public async Task Since_after_until_is_refused()
    {
        var refused = await DockerAsync("events", "--since", "200", "--until", "100");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Error response from daemon: `since` time (200) cannot be after `until` time (100)", refused.Stderr);
    }

    [Fact]
    public async Task A_container_s_endpoint_connects_and_disconnects_with_its_run()
    {
        var name = Name("evnetw");
        var since = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(-1));
        var id = (await DockerAsync("run", "-d", "--name", name, "busybox", "true")).Ok().Stdout.Trim();
        (await DockerAsync("wait", name)).Ok();
        var until = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(1));
        (await DockerAsync("rm", name)).Ok();

        var events = (await DockerAsync("events", "--since", since, "--until", until, "--filter", "type=network", "--filter", "network=bridge",
            "--format", "{{.Action}} {{.Actor.Attributes.container}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}")).Ok().Stdout;
        Assert.Contains($"connect {id} bridge bridge\n", events);
        Assert.Contains($"disconnect {id} bridge bridge\n", events);
    }

    [Fact]
    public async Task A_terminal_session_shows_attach_and_resize_with_the_new_size()
    {
        var name = Name("evtty");
        var since = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(-1));
        await using (var terminal = await TmuxTerminal.StartAsync(new Dictionary<string, string> { ["DOCKER_HOST"] = Daemon.Host, ["DOCKER_CONFIG"] = Path.Combine(Daemon.Root, "docker-config") }))
        {
            await terminal.TypeAsync($"{RepoPaths.DockerCli} run -it --name {name} -l tier=web busybox sh");
            await terminal.WaitForAsync("/ #");
            await terminal.ResizeAsync(80, 20);
            await terminal.TypeAsync("stty size");
            await terminal.WaitForAsync("20 80");
            await terminal.TypeAsync("exit");
            await terminal.WaitForPromptAsync();
            await terminal.TypeAsync("echo client-exit=$?");
            await terminal.WaitForAsync("client-exit=0");
        }

        var until = UnixSeconds(DateTimeOffset.UtcNow.AddSeconds(1));
        var events = (await DockerAsync("events", "--since", since, "--until", until, "--filter", "container=" + name,
            "--format", "{{.Action}} {{.Actor.Attributes.tier}} {{.Actor.Attributes.height}}x{{.Actor.Attributes.width}}")).Ok().Stdout;
        Assert.Contains("attach web <no value>x<no value>\n", events);
        Assert.Contains("resize web 20x80\n", events);
        Assert.Contains("die web <no value>x<no value>\n", events);
        (await DockerAsync("rm", name)).Ok();
    }
}
