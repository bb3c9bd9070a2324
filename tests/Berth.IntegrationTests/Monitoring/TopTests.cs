using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Monitoring;

/// <summary>docker top: the container's processes as ps -ef shows them on the host, other ps options, and the stopped case.</summary>
public sealed class TopTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static string[] Fields(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Top_lists_the_container_s_processes_as_ps_ef_does()
    {
        var name = Name("top");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", "sleep 300 & sleep 301")).Ok();
        var lines = (await DockerAsync("top", name)).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], Fields(lines[0]));
        Assert.Equal(["sleep 300", "sleep 301"], lines[1..].Select(l => string.Join(' ', Fields(l)[7..])).Order().ToArray());

        // the host's ps -ef says the same of each process
        var ps = (await new Cli("ps", new Dictionary<string, string>()).RunAsync("-ef")).Ok().Stdout.Split('\n');
        foreach (var row in lines[1..].Select(Fields))
        {
            var host = ps.Select(Fields).Single(f => f.Length > 1 && f[1] == row[1]);
            Assert.Equal(host, row);
        }

        Assert.Equal((await DockerAsync("top", name)).Stdout, (await BerthAsync("top", name)).Ok().Stdout);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task Ps_options_are_passed_to_ps()
    {
        var name = Name("topo");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        var lines = (await DockerAsync("top", name, "-o", "pid,comm")).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["PID", "COMMAND"], Fields(lines[0]));
        Assert.Equal("sleep", Fields(lines[1])[1]);
        Assert.Equal(2, lines.Length);

        var refused = await DockerAsync("top", name, "-o", "x=PID");
        Assert.Contains("Error response from daemon: specifying \"x=PID\" is not allowed", refused.Stderr);

        var top = await Daemon.Client.Containers.ListProcessesAsync(name, new ContainerListProcessesParameters { PsArgs = "aux" });
        Assert.Equal("USER", top.Titles[0]);
        Assert.Equal("sleep 300", Assert.Single(top.Processes)[^1]);
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task Top_of_a_stopped_container_is_a_conflict()
    {
        var name = Name("topstop");
        var id = (await DockerAsync("create", "--name", name, "busybox")).Ok().Stdout.Trim();
        var refused = await DockerAsync("top", name);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"Error response from daemon: container {id} is not running\n", refused.Stderr);
        var e = await Assert.ThrowsAsync<Docker.DotNet.DockerApiException>(() => Daemon.Client.Containers.ListProcessesAsync(name, new ContainerListProcessesParameters()));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, e.StatusCode);
        (await DockerAsync("rm", name)).Ok();
    }
}
