using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>Each container in its own namespaces, on its own upper layer, with Docker's default confinement.</summary>
public sealed class IsolationTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Pid_namespace_shows_only_the_containers_processes()
    {
        var lines = (await DockerAsync("run", "--rm", "busybox", "ps")).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 3, string.Join('\n', lines));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_container_has_its_own_network_namespace()
    {
        var isolated = (await DockerAsync("run", "--rm", "--network", "none", "busybox", "cat", "/proc/net/dev")).Ok().Stdout;
        Assert.Contains("lo:", isolated);
        Assert.DoesNotContain("eth0", isolated);
        Assert.Contains("UP", (await DockerAsync("run", "--rm", "--network", "none", "busybox", "ip", "link", "show", "lo")).Ok().Stdout);
        var ownNamespace = (await DockerAsync("run", "--rm", "busybox", "readlink", "/proc/self/ns/net")).Ok().Stdout.Trim();
        Assert.NotEqual(File.ResolveLinkTarget("/proc/self/ns/net", false)?.ToString() ?? "", ownNamespace);
    }

    [Fact]
    public async Task Hostname_is_the_short_id_and_etc_files_exist()
    {
        var name = Name("etc");
        (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "hostname; cat /etc/hosts; cat /etc/resolv.conf")).Ok();
        var id = (await DockerAsync("inspect", "-f", "{{.Id}}", name)).Stdout.Trim();
        var output = (await DockerAsync("logs", name)).Stdout;
        Assert.StartsWith(id[..12] + "\n", output);
        Assert.Contains("127.0.0.1\tlocalhost", output);
        Assert.Contains("nameserver", output);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task A_file_written_in_a_container_is_in_neither_the_image_nor_another_container()
    {
        var writer = Name("writer");
        (await DockerAsync("run", "--name", writer, "busybox", "sh", "-c", "echo changed > /etc/it-file")).Ok();
        Assert.NotEqual(0, (await DockerAsync("run", "--rm", "busybox", "test", "-e", "/etc/it-file")).ExitCode);
        (await DockerAsync("start", "-a", writer)).Ok();
        var other = Name("other");
        (await DockerAsync("run", "--name", other, "busybox", "sh", "-c", "test ! -e /etc/it-file")).Ok();
        (await DockerAsync("rm", writer, other)).Ok();
    }

    [Fact]
    public async Task Default_capabilities_seccomp_and_masked_paths_are_dockers()
    {
        var status = (await DockerAsync("run", "--rm", "busybox", "cat", "/proc/self/status")).Ok().Stdout;
        Assert.Matches(@"CapEff:\s+00000000a80425fb", status);
        Assert.Matches(@"Seccomp:\s+2", status);
        Assert.Equal("0", (await DockerAsync("run", "--rm", "busybox", "sh", "-c", "wc -c < /proc/timer_list")).Ok().Stdout.Trim());
        var remount = await DockerAsync("run", "--rm", "busybox", "sh", "-c", "echo 1 > /proc/sys/kernel/domainname");
        Assert.NotEqual(0, remount.ExitCode);
        Assert.NotEqual(0, (await DockerAsync("run", "--rm", "busybox", "mount", "-t", "tmpfs", "none", "/mnt")).ExitCode);
        var bounding = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapBnd:", StringComparison.Ordinal))["CapBnd:".Length..].Trim();
        Assert.Matches(@"CapEff:\s+" + bounding, (await DockerAsync("run", "--rm", "--privileged", "busybox", "cat", "/proc/self/status")).Ok().Stdout);
    }
}
