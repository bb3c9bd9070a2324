using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Berth.IntegrationTests.Registry;

/// <summary>
/// A real distribution registry (Debian's docker-registry) on 127.0.0.1 with its storage in a temporary directory:
/// open, with htpasswd Basic auth, or trusting a token server. Disposing it stops the process and removes the directory.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    public const string Program = "/usr/bin/docker-registry";

    private readonly Process _process;

    private LocalRegistry(string root, int port, Process process)
    {
        Root = root;
        Port = port;
        _process = process;
    }

    public string Root { get; }

    public int Port { get; }

    /// <summary>host:port, as image names carry it.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Host}/");

    public string LogPath => Path.Combine(Root, "registry.log");

    /// <summary>Starts a registry; <paramref name="auth"/> is the YAML of its auth section, if any.</summary>
    public static async Task<LocalRegistry> StartAsync(string? auth = null)
    {
        Assert.SkipUnless(File.Exists(Program) || Environment.GetEnvironmentVariable("CI") == "true", "docker-registry is not installed (scripts/install-deps.sh installs it)");
        var root = Path.Combine("/tmp", "berth-it-registry-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = FreePort();
        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            storage:
              filesystem:
                rootdirectory: {root}/data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {auth ?? ""}
            """);
        var info = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        var process = Process.Start(info)!;
        var log = new FileStream(Path.Combine(root, "registry.log"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        _ = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(log), process.StandardError.BaseStream.CopyToAsync(log)).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var registry = new LocalRegistry(root, port, process);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(registry.BaseUri, "v2/"));
                return registry;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (HttpRequestException)
            {
                await registry.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The file the registry serves a blob from.</summary>
    public string BlobDataPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(Root, "data", "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    /// <summary>How many blob downloads (GET .../blobs/sha256:...) the registry has served so far.</summary>
    public int BlobGets() => ReadLog().Split('\n').Count(l => l.Contains("\"GET /v2/", StringComparison.Ordinal) && l.Contains("/blobs/sha256:", StringComparison.Ordinal));

    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
