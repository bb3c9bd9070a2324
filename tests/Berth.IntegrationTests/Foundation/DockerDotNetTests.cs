using Berth.IntegrationTests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Foundation;

/// <summary>The API as Docker.DotNet (and so Testcontainers) uses it.</summary>
public sealed class DockerDotNetTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task Create_start_wait_logs_inspect_remove()
    {
        var client = Daemon.Client;
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "busybox",
            Name = Name("dotnet"),
            Cmd = ["sh", "-c", "echo from-dotnet; exit 4"],
            Labels = new Dictionary<string, string> { ["it"] = "dotnet" },
        });
        Assert.Empty(created.Warnings);
        Assert.True(await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()));
        var wait = await client.Containers.WaitContainerAsync(created.ID);
        Assert.Equal(4, wait.StatusCode);

        using var logs = await client.Containers.GetContainerLogsAsync(created.ID, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
        var (stdout, _) = await logs.ReadOutputToEndAsync(CancellationToken.None);
        Assert.Equal("from-dotnet\n", stdout);

        var inspect = await client.Containers.InspectContainerAsync(created.ID);
        Assert.Equal("exited", inspect.State.Status);
        Assert.Equal(4, inspect.State.ExitCode);
        Assert.StartsWith("sha256:", inspect.Image);
        Assert.Equal("dotnet", inspect.Config.Labels["it"]);
        Assert.NotNull(inspect.NetworkSettings.Networks);

        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["it=dotnet"] = true } },
        });
        Assert.Contains(listed, c => c.ID == created.ID && c.Names[0] == inspect.Name);

        await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters());
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(created.ID));
    }

    [Fact]
    public async Task Exec_through_the_api_reports_its_exit_code()
    {
        var client = Daemon.Client;
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox", Cmd = ["sleep", "300"] });
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var exec = await client.Exec.ExecCreateContainerAsync(created.ID, new ContainerExecCreateParameters
        {
            Cmd = ["sh", "-c", "echo out; exit 9"],
            AttachStdout = true,
            AttachStderr = true,
        });
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false))
        {
            var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
            Assert.Equal("out\n", stdout);
        }

        var inspect = await client.Exec.InspectContainerExecAsync(exec.ID);
        Assert.False(inspect.Running);
        Assert.Equal(9, inspect.ExitCode);
        await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
    }

    [Fact]
    public async Task Version_info_and_images()
    {
        var client = Daemon.Client;
        var version = await client.System.GetVersionAsync();
        Assert.Equal("1.44", version.APIVersion);
        var info = await client.System.GetSystemInfoAsync();
        Assert.Equal("overlay2", info.Driver);
        Assert.Contains(info.DefaultRuntime, new[] { "crun", "runc" });
        var images = await client.Images.ListImagesAsync(new ImagesListParameters());
        Assert.Contains(images, i => i.RepoTags.Contains("busybox:latest"));
    }
}
