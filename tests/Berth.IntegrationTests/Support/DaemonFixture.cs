using System.Diagnostics;
using Berth.Network;
using Berth.Network.Firewall;
using Berth.Network.Netlink;
using Berth.Runtime.Cgroups;
using Docker.DotNet;

namespace Berth.IntegrationTests.Support;

/// <summary>
/// A real berthd on a temporary socket and data root, with the busybox image imported. Shared by the
/// integration tests (one non-parallel collection); on dispose it removes every container, stops the
/// daemon and fails if anything it made is left behind (mounts, runtime state).
/// </summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    private Process? _daemon;
    private CgroupLayout? _cgroupsBefore;

    public string Root { get; } = Path.Combine("/tmp", "berth-it-" + Guid.NewGuid().ToString("N")[..8]);

    public string DataRoot => Path.Combine(Root, "data");

    public string Socket => Path.Combine(Root, "berth.sock");

    public string Host => "unix://" + Socket;

    public Cli Docker { get; private set; } = null!;

    public Cli Berth { get; private set; } = null!;

    public DockerClient Client { get; private set; } = null!;

    public string DaemonLog => Path.Combine(Root, "berthd.log");

    /// <summary>This daemon's own names for bridges and iptables chains, so tests never touch another daemon's.</summary>
    public string NetworkTag { get; } = "bt" + Guid.NewGuid().ToString("N")[..6];

    public async ValueTask InitializeAsync()
    {
        if (!Requires.IsRoot)
        {
            return;
        }

        _cgroupsBefore = CgroupLayout.Detect();
        Directory.CreateDirectory(Root);
        await StartDaemonAsync();

        var env = new Dictionary<string, string> { ["DOCKER_HOST"] = Host, ["BERTH_HOST"] = Host, ["DOCKER_CONFIG"] = Path.Combine(Root, "docker-config") };
        Docker = new Cli(RepoPaths.DockerCli, env);
        Berth = new Cli(RepoPaths.BerthCli, env);
        Client = new DockerClientConfiguration(new Uri(Host)).CreateClient();
        (await Docker.RunAsync("import", "--change", "CMD [\"sh\"]", RepoPaths.BusyboxTar, "busybox:latest")).Ok();
    }

    /// <summary>kill -9 of the daemon, then a new one on the same data root, as after a crash.</summary>
    public async Task CrashAndRestartAsync()
    {
        _daemon!.Kill();
        await _daemon.WaitForExitAsync();
        await StartDaemonAsync();
    }

    private async Task StartDaemonAsync()
    {
        var fifo = Path.Combine(Root, "ready");
        File.Delete(fifo);
        (await new Cli("mkfifo", new Dictionary<string, string>()).RunAsync(fifo)).Ok();
        var info = new ProcessStartInfo(RepoPaths.Daemon)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--data-root", DataRoot, "--host", Host, "--ready-fifo", fifo, "--network-tag", NetworkTag })
        {
            info.ArgumentList.Add(arg);
        }

        // Tests talk to registries on loopback only: any other registry (an implicit pull of an unknown image from
        // Docker Hub) goes to a proxy address where nothing listens, and fails at once.
        info.Environment["HTTPS_PROXY"] = info.Environment["HTTP_PROXY"] = "http://127.0.0.1:9";
        info.Environment["NO_PROXY"] = "127.0.0.1,localhost";

        _daemon = Process.Start(info)!;
        var log = File.AppendText(DaemonLog);
        log.AutoFlush = true;
        _ = _daemon.StandardOutput.BaseStream.CopyToAsync(log.BaseStream);
        _ = _daemon.StandardError.BaseStream.CopyToAsync(log.BaseStream);

        var ready = Task.Run(() => File.ReadAllText(fifo));
        var exited = _daemon.WaitForExitAsync();
        if (await Task.WhenAny(ready, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready)
        {
            // unblock the reader, then report
            await File.WriteAllTextAsync(fifo, "");
            throw new InvalidOperationException("berthd did not come up: " + await ReadLogAsync());
        }
    }

    /// <summary>A daemon keeps its default bridge and chains when it stops, as dockerd does; a test daemon's must go.</summary>
    private async Task RemoveDefaultBridgeAsync()
    {
        using var firewall = new IptablesFirewall(NetworkNaming.ForTag(NetworkTag));
        await firewall.RemoveAllAsync();
        using var netlink = NetlinkConnection.Open();
        netlink.DeleteLink(NetworkTag + "0");
    }

    /// <summary>The daemon remounts cgroup2 with favordynmods; put back the options the host had.</summary>
    private async Task RestoreCgroup2OptionsAsync()
    {
        if (_cgroupsBefore is { UnifiedMount: { } mount } before && !CgroupLayout.Detect().UnifiedOptions.SequenceEqual(before.UnifiedOptions))
        {
            (await new Cli("mount", new Dictionary<string, string>()).RunAsync("-t", "cgroup2", "-o", "remount," + string.Join(',', before.UnifiedOptions), "none", mount)).Ok();
        }
    }

    public async Task<string> ReadLogAsync() => File.Exists(DaemonLog) ? await File.ReadAllTextAsync(DaemonLog) : "";

    public async ValueTask DisposeAsync()
    {
        if (_daemon is null)
        {
            return;
        }

        var ids = (await Docker.RunAsync("ps", "-aq")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            await Docker.RunAsync(["rm", "-f", .. ids]);
        }

        await Docker.RunAsync("network", "prune", "-f");

        Client.Dispose();
        Process.Start("kill", ["-TERM", _daemon.Id.ToString()])?.WaitForExit();
        await _daemon.WaitForExitAsync();

        var leftovers = File.ReadAllLines("/proc/self/mountinfo").Where(l => l.Contains(Root, StringComparison.Ordinal)).ToList();
        foreach (var mount in leftovers)
        {
            var target = mount.Split(' ')[4];
            Process.Start("umount", ["-l", target])?.WaitForExit();
        }

        await RemoveDefaultBridgeAsync();
        await RestoreCgroup2OptionsAsync();
        Directory.Delete(Root, recursive: true);
        Assert.Empty(leftovers);
    }
}

[CollectionDefinition(Name)]
public sealed class DaemonCollection : ICollectionFixture<DaemonFixture>
{
    public const string Name = "berthd";
}
