using System.Diagnostics;
using Berth.IntegrationTests.Support;
using Docker.DotNet.Models;

namespace Berth.IntegrationTests.Registry;

/// <summary>A registry with htpasswd Basic auth: login, push and pull with stored credentials, logout.</summary>
public sealed class BasicAuthTests(DaemonFixture daemon) : RegistryTest(daemon)
{
    private const string User = "ituser";
    private const string Password = "it-secret-pass";

    protected override async Task<string?> AuthYamlAsync()
    {
        var htpasswd = Path.Combine(Daemon.Root, "htpasswd-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("htpasswd") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-Bbn", User, Password })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await File.WriteAllTextAsync(htpasswd, await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return $"""
            auth:
              htpasswd:
                realm: berth-it
                path: {htpasswd}
            """;
    }

    [Fact]
    public async Task Push_needs_login_then_push_and_pull_work_and_logout_forgets()
    {
        var image = Repo("private") + ":1";
        (await DockerAsync("tag", "busybox", image)).Ok();
        var refused = await DockerAsync("push", image);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("no basic auth credentials", refused.Stderr);

        var wrong = await Docker.RunAsync(["login", "-u", User, "--password-stdin", Registry.Host], stdin: "wrong\n");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("401 Unauthorized", wrong.Stderr);

        var login = await Docker.RunAsync(["login", "-u", User, "--password-stdin", Registry.Host], stdin: Password + "\n");
        login.Ok();
        Assert.Contains("Login Succeeded", login.Stdout);
        Assert.Contains(Registry.Host, await File.ReadAllTextAsync(Path.Combine(Daemon.Root, "docker-config", "config.json")));
        try
        {
            (await DockerAsync("push", image)).Ok();
            (await DockerAsync("rmi", image)).Ok();
            var pull = (await DockerAsync("pull", image)).Ok().Stdout;
            Assert.Contains("Status: Downloaded newer image for " + image, pull);
            Assert.Equal("private\n", (await DockerAsync("run", "--rm", image, "echo", "private")).Ok().Stdout);
        }
        finally
        {
            (await DockerAsync("logout", Registry.Host)).Ok();
        }

        (await DockerAsync("rmi", image)).Ok();
        var anonymous = await DockerAsync("pull", image);
        Assert.Equal(1, anonymous.ExitCode);
        Assert.Contains("no basic auth credentials", anonymous.Stderr);
    }

    [Fact]
    public async Task Berth_login_stores_credentials_and_docker_dotnet_sends_them()
    {
        var login = await Berth.RunAsync(["login", "-u", User, "--password-stdin", Registry.Host], stdin: Password);
        login.Ok();
        Assert.Contains("Login Succeeded", login.Stdout);
        var image = Repo("viaberth");
        try
        {
            (await DockerAsync("tag", "busybox", image + ":2")).Ok();
            (await BerthAsync("push", image + ":2")).Ok();
            (await DockerAsync("rmi", image + ":2")).Ok();
        }
        finally
        {
            (await BerthAsync("logout", Registry.Host)).Ok();
        }

        var credentials = new AuthConfig { Username = User, Password = Password, ServerAddress = Registry.Host };
        await Daemon.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image, Tag = "2" }, credentials, new Progress<JSONMessage>());
        Assert.Equal(await ImageIdAsync("busybox"), await ImageIdAsync(image + ":2"));

        await Daemon.Client.System.AuthenticateAsync(credentials);
        await Assert.ThrowsAsync<Docker.DotNet.DockerApiException>(() =>
            Daemon.Client.System.AuthenticateAsync(new AuthConfig { Username = User, Password = "nope", ServerAddress = Registry.Host }));
    }
}
