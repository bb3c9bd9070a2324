using System.Formats.Tar;
using System.Text.RegularExpressions;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Registry;

/// <summary>
/// Base of the registry tests: a real registry on 127.0.0.1 for each test, removed afterwards with every image the
/// test tagged for it. Nothing here talks to anything but loopback.
/// </summary>
public abstract partial class RegistryTest(DaemonFixture daemon) : IntegrationTest(daemon), IAsyncLifetime
{
    private LocalRegistry? _registry;

    protected LocalRegistry Registry => _registry!;

    /// <summary>The auth section of the registry's config; none by default.</summary>
    protected virtual Task<string?> AuthYamlAsync() => Task.FromResult<string?>(null);

    public async ValueTask InitializeAsync()
    {
        if (Requires.IsRoot)
        {
            _registry = await LocalRegistry.StartAsync(await AuthYamlAsync());
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_registry is null)
        {
            return;
        }

        var images = (await DockerAsync("images", "--format", "{{.Repository}}:{{.Tag}}")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(r => r.StartsWith("127.0.0.1:", StringComparison.Ordinal))
            .ToList();
        if (images.Count > 0)
        {
            await Docker.RunAsync(["rmi", .. images]);
        }

        await RestoreBusyboxAsync();

        await _registry.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A repository name in the test's registry: <c>127.0.0.1:PORT/it/NAME</c>.</summary>
    protected string Repo(string name) => $"{Registry.Host}/it/{name}";

    /// <summary>The manifest digest and size a push printed ("TAG: digest: sha256:... size: N").</summary>
    protected static (string Digest, int Size) PushedManifest(string output)
    {
        var match = DigestLine().Match(output);
        Assert.True(match.Success, "no digest line in: " + output);
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value));
    }

    /// <summary>Imports a one-layer image holding one file of random bytes, so its layer is stored nowhere else.</summary>
    protected async Task<string> ImportUniqueImageAsync(string reference, int bytes = 64 * 1024)
    {
        var tar = Path.Combine(Daemon.Root, "unique-" + Guid.NewGuid().ToString("N")[..8] + ".tar");
        var data = new byte[bytes];
        Random.Shared.NextBytes(data);
        await using (var file = File.Create(tar))
        await using (var writer = new TarWriter(file))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "random.bin") { DataStream = new MemoryStream(data) });
        }

        var id = (await DockerAsync("import", tar, reference)).Ok().Stdout.Trim();
        File.Delete(tar);
        return id;
    }

    /// <summary>Imports busybox again if a test that removed it failed before putting it back.</summary>
    protected async Task RestoreBusyboxAsync()
    {
        if ((await DockerAsync("image", "inspect", "busybox")).ExitCode != 0)
        {
            (await DockerAsync("import", "--change", "CMD [\"sh\"]", RepoPaths.BusyboxTar, "busybox:latest")).Ok();
        }
    }

    protected async Task<string> ImageIdAsync(string reference) =>
        (await DockerAsync("image", "inspect", "-f", "{{.Id}}", reference)).Ok().Stdout.Trim();

    [GeneratedRegex(@": digest: (sha256:[0-9a-f]{64}) size: (\d+)")]
    private static partial Regex DigestLine();
}
