using System.Formats.Tar;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Images;

/// <summary>Docker.DotNet's archive, save and load calls against berthd.</summary>
public sealed class DockerDotNetTransferTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Archives_go_into_and_out_of_a_container()
    {
        var name = Name("dotnetcp");
        try
        {
            (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
            using var tar = new MemoryStream();
            await using (var writer = new TarWriter(tar, leaveOpen: true))
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "dotnet.txt") { DataStream = new MemoryStream("from .NET\n"u8.ToArray()) }, Ct);
            }

            tar.Position = 0;
            await Daemon.Client.Containers.ExtractArchiveToContainerAsync(name, new ContainerPathStatParameters { Path = "/tmp" }, tar, Ct);
            Assert.Equal("from .NET\n", (await DockerAsync("exec", name, "cat", "/tmp/dotnet.txt")).Ok().Stdout);

            var archive = await Daemon.Client.Containers.GetArchiveFromContainerAsync(name, new GetArchiveFromContainerParameters { Path = "/tmp/dotnet.txt" }, false, Ct);
            Assert.Equal("dotnet.txt", archive.Stat.Name);
            Assert.Equal(10, archive.Stat.Size);
            await using var reader = new TarReader(archive.Stream);
            var entry = await reader.GetNextEntryAsync(copyData: true, Ct);
            Assert.Equal("dotnet.txt", entry!.Name);
            Assert.Equal("from .NET\n", await new StreamReader(entry.DataStream!).ReadToEndAsync(Ct));
        }
        finally
        {
            await DockerAsync("rm", "-f", name);
        }
    }

    [Fact]
    public async Task An_image_saved_through_the_api_loads_back_with_progress_messages()
    {
        var tag = "it-dotnet-save:" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            (await DockerAsync("tag", "busybox", tag)).Ok();
            using var saved = new MemoryStream();
            await using (var stream = await Daemon.Client.Images.SaveImageAsync(tag, Ct))
            {
                await stream.CopyToAsync(saved, Ct);
            }

            (await DockerAsync("rmi", tag)).Ok();
            saved.Position = 0;
            var messages = new Reports<JSONMessage>();
            await Daemon.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = false }, saved, messages, Ct);

            Assert.Contains(messages.Items, m => m.Stream == $"Loaded image: {tag}\n");
            Assert.Equal("hi\n", (await DockerAsync("run", "--rm", tag, "echo", "hi")).Ok().Stdout);
        }
        finally
        {
            await DockerAsync("rmi", tag);
        }
    }
}
