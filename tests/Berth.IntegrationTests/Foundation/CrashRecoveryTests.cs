using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>kill -9 of the daemon: the next one stops what was running, sweeps its networking and keeps every volume.</summary>
public sealed class CrashRecoveryTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task After_a_daemon_crash_containers_are_stopped_networking_is_swept_and_volumes_keep_their_data()
    {
        var volume = Name("kept");
        var name = Name("crash");
        (await DockerAsync("run", "--rm", "-v", $"{volume}:/data", "busybox", "sh", "-c", "echo kept > /data/file")).Ok();
        var id = (await DockerAsync("run", "-d", "--name", name, "-p", "80", "-v", $"{volume}:/data", "busybox", "sleep", "300")).Ok().Stdout.Trim();
        var pid = int.Parse((await DockerAsync("inspect", "-f", "{{.State.Pid}}", name)).Ok().Stdout.Trim());
        var startTime = ProcessStartTime(pid);
        Assert.Equal(1, NetworkProbes.VethsOf(Daemon, [id]));
        Assert.True(await NetworkProbes.RulesOfAsync([id]) > 0);

        await Daemon.CrashAndRestartAsync();

        // killed by the new daemon; the host's init reaps it in its own time
        await Eventually.TrueAsync(() => Task.FromResult(IsGoneOrZombie(pid, startTime)), TimeSpan.FromSeconds(10));
        Assert.Equal("exited 255", (await DockerAsync("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name)).Ok().Stdout.Trim());
        await Eventually.TrueAsync(() => Task.FromResult(NetworkProbes.VethsOf(Daemon, [id]) == 0), TimeSpan.FromSeconds(10));
        Assert.Equal(0, await NetworkProbes.RulesOfAsync([id]));

        (await DockerAsync("start", name)).Ok();
        Assert.Equal("kept", (await DockerAsync("exec", name, "cat", "/data/file")).Ok().Stdout.Trim());
        Assert.NotEmpty((await DockerAsync("port", name, "80/tcp")).Ok().Stdout.Trim());
        (await DockerAsync("rm", "-f", name)).Ok();
        Assert.Equal("kept", (await DockerAsync("run", "--rm", "-v", $"{volume}:/data", "busybox", "cat", "/data/file")).Ok().Stdout.Trim());
        (await DockerAsync("volume", "rm", volume)).Ok();
    }

    /// <summary>The fields after "(comm)" in /proc/PID/stat (state first, start time at 19), null when there is no such process.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ProcessStartTime(int pid) => Stat(pid)?[19];

    /// <summary>A reused PID has another start time.</summary>
    private static bool IsGoneOrZombie(int pid, string? startTime) => Stat(pid) is not { } stat || stat[19] != startTime || stat[0] == "Z";
}
