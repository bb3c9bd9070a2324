using System.Security.Cryptography;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>The berth CLI prints what docker CLI 28 prints for commit, history, save, load, export, cp and system df.</summary>
public sealed class BerthCliTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_commands_print_as_docker_prints_them()
    {
        var name = Name("clicommit");
        var tag = "it-cli:" + Guid.NewGuid().ToString("N")[..6];
        var work = Directory.CreateTempSubdirectory("berth-it-cli-").FullName;
        try
        {
            (await DockerAsync("run", "--name", name, "busybox", "sh", "-c", "echo cli > /cli.txt")).Ok();
            Assert.Matches("^sha256:[0-9a-f]{64}\n$", (await BerthAsync("commit", "-m", "by berth", name, tag)).Ok().Stdout);

            foreach (var args in new[] { new[] { "history", tag }, ["history", "--no-trunc", tag], ["history", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}", tag] })
            {
                Assert.Equal((await DockerAsync(args)).Ok().Stdout, (await BerthAsync(args)).Ok().Stdout);
            }

            // save: the same bytes, whichever client asked; load prints the same lines.
            (await DockerAsync("save", "-o", Path.Combine(work, "docker.tar"), tag)).Ok();
            (await BerthAsync("save", "-o", Path.Combine(work, "berth.tar"), tag)).Ok();
            Assert.Equal(await HashAsync(Path.Combine(work, "docker.tar")), await HashAsync(Path.Combine(work, "berth.tar")));
            Assert.Equal((await DockerAsync("load", "-i", Path.Combine(work, "docker.tar"))).Ok().Stdout, (await BerthAsync("load", "-i", Path.Combine(work, "berth.tar"))).Ok().Stdout);

            (await DockerAsync("export", "-o", Path.Combine(work, "docker-export.tar"), name)).Ok();
            (await BerthAsync("export", "-o", Path.Combine(work, "berth-export.tar"), name)).Ok();
            Assert.Equal(await HashAsync(Path.Combine(work, "docker-export.tar")), await HashAsync(Path.Combine(work, "berth-export.tar")));

            var dockerMissing = await DockerAsync("cp", name + ":/nonexistent", work);
            var berthMissing = await BerthAsync("cp", name + ":/nonexistent", work);
            Assert.Equal((dockerMissing.ExitCode, dockerMissing.Stderr), (berthMissing.ExitCode, berthMissing.Stderr));

            (await BerthAsync("cp", name + ":/cli.txt", Path.Combine(work, "cli.txt"))).Ok();
            Assert.Equal("cli\n", await File.ReadAllTextAsync(Path.Combine(work, "cli.txt"), Ct));

            var dockerDf = (await DockerAsync("system", "df")).Ok().Stdout;
            Assert.Equal(dockerDf, (await BerthAsync("system", "df")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
            await DockerAsync("rmi", tag);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> HashAsync(string file) => Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));
}
