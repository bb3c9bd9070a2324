using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>
/// Archives between Berth and a real Docker engine, when one answers on /var/run/docker.sock: what Berth saves loads
/// into Docker with the same image ID and runs, and what Docker saves loads into Berth and runs. Skipped, saying so,
/// where no Docker engine runs.
/// </summary>
public sealed class DockerEngineInteropTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private const string DockerSocket = "/var/run/docker.sock";

    [Fact]
    public async Task Images_cross_between_berth_and_a_docker_engine_both_ways()
    {
        var engine = new Cli(RepoPaths.DockerCli, new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = "unix://" + DockerSocket,
            ["DOCKER_CONFIG"] = Path.Combine(Daemon.Root, "docker-config"),
        });
        if (!File.Exists(DockerSocket) || (await engine.RunAsync("version")).ExitCode != 0)
        {
            Assert.Skip("no Docker engine runs on this machine (nothing answers on /var/run/docker.sock)");
        }

        var tag = "berth-interop:" + Guid.NewGuid().ToString("N")[..6];
        var back = "berth-interop-back:" + Guid.NewGuid().ToString("N")[..6];
        var work = Directory.CreateTempSubdirectory("berth-it-docker-").FullName;
        try
        {
            (await DockerAsync("tag", "busybox", tag)).Ok();
            var id = (await DockerAsync("image", "inspect", "-f", "{{.Id}}", tag)).Ok().Stdout;
            (await DockerAsync("save", "-o", Path.Combine(work, "berth.tar"), tag)).Ok();
            (await engine.RunAsync("load", "-i", Path.Combine(work, "berth.tar"))).Ok();
            Assert.Equal(id, (await engine.RunAsync("image", "inspect", "-f", "{{.Id}}", tag)).Ok().Stdout);
            Assert.Equal("in docker\n", (await engine.RunAsync("run", "--rm", tag, "echo", "in docker")).Ok().Stdout);

            (await engine.RunAsync("tag", tag, back)).Ok();
            (await engine.RunAsync("save", "-o", Path.Combine(work, "docker.tar"), back)).Ok();
            (await DockerAsync("load", "-i", Path.Combine(work, "docker.tar"))).Ok();
            Assert.Equal("back in berth\n", (await DockerAsync("run", "--rm", back, "echo", "back in berth")).Ok().Stdout);
        }
        finally
        {
            await engine.RunAsync("rmi", tag, back);
            await DockerAsync("rmi", tag, back);
            Directory.Delete(work, recursive: true);
        }
    }
}
