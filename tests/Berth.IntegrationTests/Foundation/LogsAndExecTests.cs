using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>logs (json-file on disk, Docker's format) and exec without a terminal.</summary>
public sealed class LogsAndExecTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Logs_keep_streams_apart_and_honour_tail_and_timestamps()
    {
        var name = Name("logs");
        (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo one; echo two >&2; echo three")).Ok();
        var logs = (await DockerAsync("logs", name)).Ok();
        Assert.Equal("one\nthree\n", logs.Stdout);
        Assert.Equal("two\n", logs.Stderr);
        var tail = Name("tail");
        (await DockerAsync("run", "--name", tail, "busybox", "sh", "-c", "seq 1 5")).Ok();
        Assert.Equal("4\n5\n", (await DockerAsync("logs", "--tail", "2", tail)).Ok().Stdout);
        (await DockerAsync("rm", tail)).Ok();
        var stamped = (await DockerAsync("logs", "-t", name)).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(stamped, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (one|three)$", line));

        var id = (await DockerAsync("inspect", "-f", "{{.Id}}", name)).Stdout.Trim();
        var logPath = (await DockerAsync("inspect", "-f", "{{.LogPath}}", name)).Stdout.Trim();
        Assert.EndsWith($"{id}-json.log", logPath);
        // stdout and stderr are separate pipes, so only the order within a stream is kept (as in Docker)
        var lines = await File.ReadAllLinesAsync(logPath);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, """^\{"log":"one\\n","stream":"stdout","time":"[^"]+Z"\}$"""));
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Logs_follow_streams_new_lines_and_ends_with_the_container()
    {
        var name = Name("follow");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "echo first; sleep 1; echo second")).Ok();
        var follow = (await Docker.RunAsync(["logs", "-f", name], timeout: TimeSpan.FromSeconds(30))).Ok();
        Assert.Equal("first\nsecond\n", follow.Stdout);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Exec_runs_in_the_container_with_its_exit_code()
    {
        var name = Name("exec");
        var id = (await DockerAsync("run", "-d", "--name", name, "-e", "GREETING=hi", "busybox", "sleep", "300")).Ok().Stdout.Trim();
        Assert.Equal(id[..12] + "\n", (await DockerAsync("exec", name, "cat", "/etc/hostname")).Ok().Stdout);
        Assert.Equal("hi\n", (await DockerAsync("exec", name, "sh", "-c", "echo $GREETING")).Ok().Stdout);
        Assert.Equal(5, (await DockerAsync("exec", name, "sh", "-c", "exit 5")).ExitCode);
        Assert.Equal("/tmp nobody x\n", (await DockerAsync("exec", "-w", "/tmp", "-u", "nobody", "-e", "V=x", name, "sh", "-c", "echo $(pwd) $(id -un) $V")).Ok().Stdout);
        Assert.Contains("sleep", (await DockerAsync("exec", name, "cat", "/proc/1/cmdline")).Stdout);
        Assert.Equal(127, (await DockerAsync("exec", name, "nosuchcmd")).ExitCode);
        (await DockerAsync("exec", "-d", name, "touch", "/tmp/detached")).Ok();
        (await DockerAsync("stop", "-t", "0", name)).Ok();
        var refused = await DockerAsync("exec", name, "true");
        Assert.Contains("is not running", refused.Stderr);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Berth_cli_logs_and_exec()
    {
        var name = Name("berthexec");
        (await BerthAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "echo ready; exec sleep 300")).Ok();
        Assert.Equal("ok\n", (await BerthAsync("exec", name, "echo", "ok")).Ok().Stdout);
        Assert.Equal("ready\n", (await BerthAsync("logs", name)).Ok().Stdout);
        (await BerthAsync("rm", "-f", name)).Ok();
    }
}
