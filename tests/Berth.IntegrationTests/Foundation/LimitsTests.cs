using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>--memory, --cpus and --pids-limit are real cgroup limits.</summary>
public sealed class LimitsTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task A_process_over_its_memory_limit_is_killed_and_marked_oom()
    {
        var name = Name("oom");
        var result = await DockerAsync("run", "--name", name, "-m", "16m", "busybox", "sh", "-c", "head -c 100000000 /dev/zero | tail > /dev/null");
        Assert.Equal(137, result.ExitCode);
        Assert.Equal("true", (await DockerAsync("inspect", "-f", "{{.State.OOMKilled}}", name)).Ok().Stdout.Trim());
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task A_fork_bomb_is_stopped_by_the_pids_limit()
    {
        var result = await DockerAsync("run", "--rm", "--pids-limit", "20", "busybox", "sh", "-c",
            "for i in $(seq 1 60); do sleep 5 & done; ps | wc -l");
        var refused = result.Output.Contains("can't fork", StringComparison.Ordinal) || result.Output.Contains("temporarily unavailable", StringComparison.Ordinal);
        Assert.True(refused || int.Parse(result.Stdout.Trim().Split('\n')[^1]) <= 22, result.Output);
    }

    [Fact]
    public async Task Cpu_and_memory_limits_are_set_in_the_cgroup()
    {
        var name = Name("cgroup");
        (await DockerAsync("run", "-d", "--name", name, "--cpus", "1.5", "-m", "32m", "busybox", "sleep", "300")).Ok();
        var id = (await DockerAsync("inspect", "-f", "{{.Id}}", name)).Stdout.Trim();
        var quota = await ReadCgroupAsync("cpu", id, "cpu.cfs_quota_us", "cpu.max");
        Assert.Contains("150000", quota);
        var memory = await ReadCgroupAsync("memory", id, "memory.limit_in_bytes", "memory.max");
        Assert.Equal((32 * 1024 * 1024).ToString(), memory.Trim());
        Assert.Equal("1500000000", (await DockerAsync("inspect", "-f", "{{.HostConfig.NanoCpus}}", name)).Stdout.Trim());
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task Memory_below_the_minimum_is_refused()
    {
        var result = await DockerAsync("run", "--rm", "-m", "4m", "busybox", "true");
        Assert.Equal(125, result.ExitCode);
        Assert.Contains("Minimum memory limit allowed is 6MB", result.Stderr);
    }

    [Fact]
    public async Task Update_changes_the_limits_of_a_running_container_and_the_restart_policy()
    {
        var name = Name("update");
        var id = (await DockerAsync("run", "-d", "--name", name, "-m", "32m", "--cpus", "1", "--pids-limit", "20", "busybox", "sleep", "300")).Ok().Stdout.Trim();
        (await DockerAsync("update", "-m", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--pids-limit", "50", "--restart", "on-failure:3", name)).Ok();
        Assert.Equal((64 * 1024 * 1024).ToString(), (await ReadCgroupAsync("memory", id, "memory.limit_in_bytes", "memory.max")).Trim());
        Assert.Contains("50000", await ReadCgroupAsync("cpu", id, "cpu.cfs_quota_us", "cpu.max"));
        Assert.Equal("50", (await ReadCgroupAsync("pids", id, "pids.max", "pids.max")).Trim());
        Assert.Equal("67108864 134217728 500000000 50 on-failure 3",
            (await DockerAsync("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", name)).Ok().Stdout.Trim());
        Assert.Equal("alive", (await DockerAsync("exec", name, "echo", "alive")).Ok().Stdout.Trim());

        var refused = await DockerAsync("update", "-m", "4m", name);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Minimum memory limit allowed is 6MB", refused.Stderr);

        // a stopped container takes the new limits at its next start
        (await DockerAsync("stop", "-t", "0", name)).Ok();
        (await DockerAsync("update", "-m", "48m", name)).Ok();
        (await DockerAsync("start", name)).Ok();
        Assert.Equal((48 * 1024 * 1024).ToString(), (await ReadCgroupAsync("memory", id, "memory.limit_in_bytes", "memory.max")).Trim());
        (await DockerAsync("rm", "-f", name)).Ok();

        var autoRemoved = Name("update-rm");
        (await DockerAsync("run", "-d", "--rm", "--name", autoRemoved, "busybox", "sleep", "300")).Ok();
        Assert.Contains("Restart policy cannot be updated because AutoRemove is enabled for the container", (await DockerAsync("update", "--restart", "always", autoRemoved)).Stderr);
        (await DockerAsync("rm", "-f", autoRemoved)).Ok();
    }

    /// <summary>Reads a file of the container's cgroup: under the v1 controller's hierarchy, else under cgroup v2.</summary>
    private static async Task<string> ReadCgroupAsync(string controller, string id, string v1File, string v2File)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 5 };
        var v1Root = Path.Combine("/sys/fs/cgroup", controller);
        var file = Directory.Exists(v1Root) && File.Exists(Path.Combine(v1Root, v1File))
            ? Directory.EnumerateDirectories(v1Root, id, options).Select(d => Path.Combine(d, v1File)).FirstOrDefault(File.Exists)
            : Directory.EnumerateDirectories("/sys/fs/cgroup", id, options).Select(d => Path.Combine(d, v2File)).FirstOrDefault(File.Exists);
        return file is null ? throw new Xunit.Sdk.XunitException($"no {controller} cgroup for {id}") : await File.ReadAllTextAsync(file);
    }
}
