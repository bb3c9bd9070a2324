using System.Net;
using Berth.IntegrationTests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Monitoring;

/// <summary>docker diff of a running container (read while it runs, the same once stopped), and through Docker.DotNet.</summary>
public sealed class DiffTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private const string Changes = "echo x > /etc/newfile; echo more >> /etc/passwd; rm /bin/ls; mkdir -p /tmp/a/b; echo > /tmp/a/b/c";

    [Fact]
    public async Task A_running_container_s_changes_are_listed_and_stay_the_same_once_it_stops()
    {
        var name = Name("diffrun");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sh", "-c", Changes + "; touch /ready; sleep 300")).Ok();
        await Eventually.TrueAsync(async () => (await DockerAsync("diff", name)).Stdout.Contains("A /ready", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        var running = (await DockerAsync("diff", name)).Ok().Stdout;
        Assert.Equal("C /bin\nD /bin/ls\nC /etc\nA /etc/newfile\nC /etc/passwd\nA /ready\nC /tmp\nA /tmp/a\nA /tmp/a/b\nA /tmp/a/b/c\n", running);
        (await DockerAsync("stop", "-t", "0", name)).Ok();
        Assert.Equal(running, (await DockerAsync("diff", name)).Ok().Stdout);
        (await DockerAsync("rm", name)).Ok();
    }

    [Fact]
    public async Task Docker_dotnet_reads_the_kinds_and_a_missing_container_is_404()
    {
        var name = Name("diffnet");
        (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", Changes)).Ok();
        var changes = await Daemon.Client.Containers.InspectChangesAsync(name);
        Assert.Equal(FileSystemChangeKind.Add, changes.Single(c => c.Path == "/etc/newfile").Kind);
        Assert.Equal(FileSystemChangeKind.Modify, changes.Single(c => c.Path == "/etc/passwd").Kind);
        Assert.Equal(FileSystemChangeKind.Delete, changes.Single(c => c.Path == "/bin/ls").Kind);
        var missing = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => Daemon.Client.Containers.InspectChangesAsync("it-nosuch-diff"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        (await DockerAsync("rm", name)).Ok();
    }
}
