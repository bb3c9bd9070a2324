using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Interactive;

/// <summary>A person at a terminal, with the docker CLI and with berth: -it, detach keys, attach, exec -it, resize.</summary>
public sealed class TerminalTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    public static TheoryData<string> Clients => new() { RepoPaths.DockerCli, RepoPaths.BerthCli };

    private Task<TmuxTerminal> TerminalAsync(string? configDir = null) => TmuxTerminal.StartAsync(new Dictionary<string, string>
    {
        ["DOCKER_HOST"] = Daemon.Host,
        ["BERTH_HOST"] = Daemon.Host,
        ["DOCKER_CONFIG"] = configDir ?? Path.Combine(Daemon.Root, "docker-config"),
    });

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Run_it_gives_a_real_terminal_of_the_clients_size_and_exit_stops_the_container(string client)
    {
        var name = Name("it");
        await using var terminal = await TerminalAsync();
        await terminal.TypeAsync($"{client} run -it --name {name} busybox sh");
        await terminal.WaitForAsync("/ #");
        await terminal.TypeAsync("tty; stty size");
        var screen = await terminal.WaitForAsync("30 100");
        Assert.Contains("/dev/pts/0", screen);
        Assert.DoesNotContain("can't access tty", screen);
        await terminal.ResizeAsync(80, 20);
        await terminal.TypeAsync("stty size");
        await terminal.WaitForAsync("20 80");
        await terminal.TypeAsync("sh -c 'exit 3'");
        await terminal.TypeAsync("exit");
        await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo client-exit=$?");
        await terminal.WaitForAsync("client-exit=3");
        Assert.Contains("Exited (3)", (await DockerAsync("ps", "-a", "--filter", "name=" + name)).Stdout);
        Assert.Contains("stty size", (await DockerAsync("logs", name)).Ok().Stdout);
        (await DockerAsync("rm", name)).Ok();
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Ctrl_p_ctrl_q_detaches_and_attach_comes_back(string client)
    {
        var name = Name("detach");
        await using var terminal = await TerminalAsync();
        await terminal.TypeAsync($"{client} run -it --name {name} busybox sh");
        await terminal.WaitForAsync("/ #");
        await terminal.KeysAsync("C-p", "C-q");
        await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo detached=$?");
        await terminal.WaitForAsync("detached=0");
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());

        await terminal.ClearAsync();
        await terminal.TypeAsync($"{client} attach {name}");
        await terminal.WaitForRawModeAsync();
        await terminal.TypeAsync("echo again");
        await terminal.WaitForAsync("again", occurrences: 2);
        await terminal.KeysAsync("C-d");
        await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo gone=$?");
        await terminal.WaitForAsync("gone=0");
        Assert.Equal("exited", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Detach_keys_come_from_the_flag_and_from_the_client_config()
    {
        var name = Name("keys");
        await using (var terminal = await TerminalAsync())
        {
            await terminal.TypeAsync($"docker run -it --detach-keys ctrl-x,x --name {name} busybox sh");
            await terminal.WaitForAsync("/ #");
            await terminal.KeysAsync("C-p", "C-q");
            await terminal.TypeAsync("echo still-inside");
            await terminal.WaitForAsync("still-inside", occurrences: 2);
            await terminal.KeysAsync("C-x", "x");
            await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo out=$?");
            await terminal.WaitForAsync("out=0");
        }

        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        var config = Path.Combine(Daemon.Root, "config-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "config.json"), """{"detachKeys":"ctrl-e,e"}""");
        await using (var terminal = await TerminalAsync(config))
        {
            await terminal.TypeAsync($"docker attach {name}");
            await terminal.WaitForRawModeAsync();
            await terminal.TypeAsync("echo reattached");
            await terminal.WaitForAsync("reattached", occurrences: 2);
            await terminal.KeysAsync("C-e", "e");
            await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo left=$?");
            await terminal.WaitForAsync("left=");
        }

        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Exec_it_opens_a_second_shell_that_leaves_the_container_running(string client)
    {
        var name = Name("exec");
        (await DockerAsync("run", "-d", "-it", "--name", name, "busybox", "sh")).Ok();
        await using var terminal = await TerminalAsync();
        await terminal.TypeAsync($"{client} exec -it -e GREETING=hi -w /tmp {name} sh");
        await terminal.WaitForAsync("/tmp #");
        await terminal.TypeAsync("echo $GREETING $(tty)");
        await terminal.WaitForAsync("hi /dev/pts/");
        await terminal.TypeAsync("exit 4");
        await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo exec-exit=$?");
        await terminal.WaitForAsync("exec-exit=4");
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());

        await terminal.ClearAsync();
        await terminal.TypeAsync($"{client} attach {name}");
        await terminal.WaitForRawModeAsync();
        await terminal.TypeAsync("echo from-run-d-it");
        await terminal.WaitForAsync("from-run-d-it", occurrences: 2);
        await terminal.KeysAsync("C-p", "C-q");
        (await DockerAsync("stop", "-t", "0", name)).Ok();
        var refused = await DockerAsync("exec", name, "sh");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("is not running", refused.Stderr);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Create_it_then_start_attach_interactive()
    {
        var name = Name("startai");
        (await DockerAsync("create", "-it", "--name", name, "busybox", "sh")).Ok();
        await using var terminal = await TerminalAsync();
        await terminal.TypeAsync($"docker start -a -i {name}");
        await terminal.WaitForAsync("/ #");
        await terminal.TypeAsync("exit 6");
        await terminal.WaitForPromptAsync();
        await terminal.TypeAsync("echo start-exit=$?");
        await terminal.WaitForAsync("start-exit=6");
        Assert.Contains("Exited (6)", (await DockerAsync("ps", "-a", "--filter", "name=" + name)).Stdout);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Two_attached_clients_see_the_same_output_and_a_killed_client_leaves_the_container_running()
    {
        var name = Name("multi");
        (await DockerAsync("run", "-d", "-it", "--name", name, "busybox", "sh")).Ok();
        await using var first = await TerminalAsync();
        await using var second = await TerminalAsync();
        await first.TypeAsync($"docker attach {name}");
        await second.TypeAsync($"docker attach {name}");
        await first.WaitForRawModeAsync();
        await second.WaitForRawModeAsync();
        await first.TypeAsync("echo shared-$((6*7))");
        await first.WaitForAsync("shared-42");
        await second.WaitForAsync("shared-42");

        (await new Cli("pkill", new Dictionary<string, string>()).RunAsync("-KILL", "-f", $"docker attach {name}")).Ok();
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        Assert.Equal("alive\n", (await DockerAsync("exec", name, "echo", "alive")).Ok().Stdout);
        (await DockerAsync("rm", "-f", name)).Ok();
    }
}
