using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Registry;

/// <summary>
/// The distribution token flow: the registry sends a Bearer challenge naming a token server the test runs, which
/// gives anonymous clients pull access and the right user push access too.
/// </summary>
public sealed class TokenAuthTests(DaemonFixture daemon) : RegistryTest(daemon)
{
    private const string User = "tokenuser";
    private const string Password = "token-pass";
    private TokenServer? _tokens;

    protected override Task<string?> AuthYamlAsync()
    {
        _tokens = new TokenServer(Daemon.Root, User, Password);
        return Task.FromResult<string?>(_tokens.RegistryAuthYaml);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_tokens is not null)
        {
            await _tokens.DisposeAsync();
            File.Delete(_tokens.CertificateBundle);
        }
    }

    [Fact]
    public async Task Anonymous_tokens_pull_and_a_users_token_pushes()
    {
        var image = Repo("tokens") + ":1";
        (await DockerAsync("tag", "busybox", image)).Ok();
        var refused = await DockerAsync("push", image);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("unauthorized", refused.Stderr, StringComparison.OrdinalIgnoreCase);

        var wrong = await Docker.RunAsync(["login", "-u", User, "--password-stdin", Registry.Host], stdin: "bad\n");
        Assert.Equal(1, wrong.ExitCode);

        (await Docker.RunAsync(["login", "-u", User, "--password-stdin", Registry.Host], stdin: Password + "\n")).Ok();
        try
        {
            (await DockerAsync("push", image)).Ok();
        }
        finally
        {
            (await DockerAsync("logout", Registry.Host)).Ok();
        }

        Assert.Contains(_tokens!.Requests, r => r.StartsWith(User + "|", StringComparison.Ordinal) && r.Contains("scope=repository%3Ait%2Ftokens%3Apull%2Cpush", StringComparison.Ordinal));
        (await DockerAsync("rmi", image)).Ok();
        var pull = (await DockerAsync("pull", image)).Ok().Stdout;
        Assert.Contains("Status: Downloaded newer image for " + image, pull);
        Assert.Contains(_tokens.Requests, r => r.StartsWith("|", StringComparison.Ordinal) && r.Contains("scope=repository%3Ait%2Ftokens%3Apull", StringComparison.Ordinal));
    }
}
