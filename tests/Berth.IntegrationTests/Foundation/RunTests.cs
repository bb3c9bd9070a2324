using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>`run` as the docker CLI and berth drive it: output, exit codes, options that shape the process.</summary>
public sealed class RunTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Docker_run_rm_prints_the_output_and_leaves_nothing()
    {
        var before = (await DockerAsync("ps", "-aq")).Stdout;
        var result = (await DockerAsync("run", "--rm", "busybox", "echo", "hello")).Ok();
        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal(before, (await DockerAsync("ps", "-aq")).Stdout);
    }

    [Fact]
    public async Task Berth_run_rm_prints_the_output()
    {
        var result = (await BerthAsync("run", "--rm", "busybox", "echo", "hello")).Ok();
        Assert.Equal("hello\n", result.Stdout);
    }

    [Fact]
    public async Task Exit_code_of_the_container_is_the_exit_code_of_run()
    {
        Assert.Equal(7, (await DockerAsync("run", "--rm", "busybox", "sh", "-c", "exit 7")).ExitCode);
        Assert.Equal(7, (await BerthAsync("run", "--rm", "busybox", "sh", "-c", "exit 7")).ExitCode);
    }

    [Fact]
    public async Task Stdout_and_stderr_stay_apart()
    {
        var result = await DockerAsync("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public async Task Missing_command_exits_127_with_dockers_message()
    {
        var result = await DockerAsync("run", "--rm", "busybox", "nosuchcommand");
        Assert.Equal(127, result.ExitCode);
        Assert.Contains("executable file not found", result.Stderr);
    }

    [Fact]
    public async Task Env_workdir_user_hostname_entrypoint_and_labels_reach_the_process()
    {
        var envFile = Path.Combine(Daemon.Root, "env-" + Guid.NewGuid().ToString("N")[..6]);
        await File.WriteAllTextAsync(envFile, "# comment\nFROM_FILE=yes\n");
        var name = Name("opts");
        var result = (await DockerAsync("run", "--name", name, "-e", "GREETING=hi", "--env-file", envFile, "-w", "/tmp", "-u", "nobody",
            "-h", "myhost", "-l", "tier=web", "--entrypoint", "sh", "busybox",
            "-c", "echo $GREETING $FROM_FILE $(pwd) $(id -un) $(hostname)")).Ok();
        Assert.Equal("hi yes /tmp nobody myhost\n", result.Stdout);
        Assert.Equal("web", (await DockerAsync("inspect", "-f", "{{index .Config.Labels \"tier\"}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Detached_run_prints_the_full_id_and_keeps_running()
    {
        var name = Name("detached");
        var id = (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal("running", (await DockerAsync("inspect", "-f", "{{.State.Status}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task Read_only_rootfs_refuses_writes()
    {
        var result = await DockerAsync("run", "--rm", "--read-only", "busybox", "touch", "/x");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read-only file system", result.Stderr);
    }

    [Fact]
    public async Task Stdin_is_piped_with_i()
    {
        var result = (await Docker.RunAsync(["run", "--rm", "-i", "busybox", "cat"], stdin: "piped\n")).Ok();
        Assert.Equal("piped\n", result.Stdout);
    }
}
