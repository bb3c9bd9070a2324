using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Network;

/// <summary>The default bridge, published ports, links and user networks with DNS, and the cleanup after them.</summary>
public sealed class NetworkTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private async Task<string> IpOf(string name) => (await DockerAsync("inspect", "-f", "{{.NetworkSettings.IPAddress}}", name)).Ok().Stdout.Trim();

    private async Task<string> HostnameOf(string name) => (await DockerAsync("inspect", "-f", "{{.Config.Hostname}}", name)).Ok().Stdout.Trim();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Containers_get_consecutive_addresses_seen_inside_and_reach_each_other()
    {
        var a = Name("ipa");
        var b = Name("ipb");
        (await DockerAsync("run", "-d", "--name", a, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        (await DockerAsync("run", "-d", "--name", b, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        var ipA = IPAddress.Parse(await IpOf(a));
        var ipB = IPAddress.Parse(await IpOf(b));
        Assert.Equal(ipA.GetAddressBytes()[3] + 1, ipB.GetAddressBytes()[3]);
        Assert.Contains(ipA.ToString(), (await DockerAsync("exec", a, "ip", "-4", "addr", "show", "eth0")).Ok().Stdout);
        Assert.Equal(await HostnameOf(a), (await DockerAsync("exec", b, "wget", "-qO-", $"http://{ipA}/hostname")).Ok().Stdout.Trim());
        var inspect = (await DockerAsync("inspect", "-f", "{{json .NetworkSettings.Networks.bridge}}", a)).Ok().Stdout;
        using var doc = JsonDocument.Parse(inspect);
        Assert.Equal(ipA.ToString(), doc.RootElement.GetProperty("IPAddress").GetString());
        var subnet = (await DockerAsync("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "bridge")).Ok().Stdout.Trim();
        Assert.Equal(int.Parse(subnet[(subnet.IndexOf('/') + 1)..]), doc.RootElement.GetProperty("IPPrefixLen").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("NetworkID").GetString()));
        (await DockerAsync("rm", "-f", a, b)).Ok();

        // a freed address is handed out again
        var c = Name("ipc");
        (await DockerAsync("run", "-d", "--name", c, "busybox", "sleep", "60")).Ok();
        Assert.Equal(ipA.ToString(), await IpOf(c));
        (await DockerAsync("rm", "-f", c)).Ok();
    }

    [Fact]
    public async Task Published_ports_reach_the_container_from_loopback_a_second_address_and_another_container()
    {
        var name = Name("pub");
        var port = FreePort();
        var hostIpPort = FreePort();
        (await DockerAsync("run", "-d", "--name", name, "-p", $"{port}:80", "-p", $"127.0.0.2:{hostIpPort}:80", "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        var hostname = await HostnameOf(name);
        Assert.Equal(hostname, (await Http.GetStringAsync($"http://127.0.0.1:{port}/hostname")).Trim());
        Assert.Equal(hostname, (await Http.GetStringAsync($"http://127.0.0.2:{hostIpPort}/hostname")).Trim());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetStringAsync($"http://127.0.0.1:{hostIpPort}/hostname"));
        Assert.Contains($"127.0.0.2:{hostIpPort}", (await DockerAsync("port", name)).Ok().Stdout);
        Assert.Contains($"{port}->80/tcp", (await DockerAsync("ps", "--filter", "name=" + name)).Ok().Stdout);

        var gateway = (await DockerAsync("inspect", "-f", "{{.NetworkSettings.Gateway}}", name)).Ok().Stdout.Trim();
        Assert.Equal(hostname, (await DockerAsync("run", "--rm", "busybox", "wget", "-qO-", $"http://{gateway}:{port}/hostname")).Ok().Stdout.Trim());

        var taken = await DockerAsync("run", "-d", "--name", Name("taken"), "-p", $"{port}:80", "busybox", "httpd", "-f", "-p", "80");
        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains("port is already allocated", taken.Stderr);

        var random = Name("random");
        (await DockerAsync("run", "-d", "--name", random, "-p", "80", "--expose", "8080", "-P", "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        var mapped = (await DockerAsync("port", random, "80/tcp")).Ok().Stdout.Split('\n')[0].Trim();
        Assert.Equal(await HostnameOf(random), (await Http.GetStringAsync($"http://127.0.0.1:{mapped[(mapped.LastIndexOf(':') + 1)..]}/hostname")).Trim());
        Assert.NotEmpty((await DockerAsync("port", random, "8080/tcp")).Ok().Stdout.Trim());
        (await DockerAsync("rm", "-f", name, random)).Ok();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetStringAsync($"http://127.0.0.1:{port}/hostname"));
    }

    [Fact]
    public async Task Links_give_hosts_entries_and_env_and_refuse_missing_targets()
    {
        var target = Name("web");
        (await DockerAsync("run", "-d", "--name", target, "--expose", "80", "-e", "SECRET=s1", "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        var ip = await IpOf(target);
        Assert.Equal(await HostnameOf(target), (await DockerAsync("run", "--rm", "--link", $"{target}:web", "busybox", "wget", "-qO-", "http://web/hostname")).Ok().Stdout.Trim());
        var env = (await DockerAsync("run", "--rm", "--name", Name("parent"), "--link", $"{target}:web", "busybox", "env")).Ok().Stdout;
        Assert.Contains($"WEB_PORT_80_TCP_ADDR={ip}", env);
        Assert.Contains($"WEB_PORT=tcp://{ip}:80", env);
        Assert.Contains("WEB_ENV_SECRET=s1", env);
        Assert.Contains("WEB_NAME=/", env);
        var missing = await DockerAsync("run", "--rm", "--link", "it-nosuch:x", "busybox", "true");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("could not get container for it-nosuch", missing.Stderr);
        (await DockerAsync("stop", "-t", "0", target)).Ok();
        var stopped = await DockerAsync("run", "--rm", "--link", $"{target}:web", "busybox", "true");
        Assert.Contains("Cannot link to a non running container", stopped.Stderr);
        (await DockerAsync("rm", target)).Ok();
    }

    [Fact]
    public async Task User_networks_resolve_names_and_aliases_through_the_embedded_dns()
    {
        var network = Name("net");
        (await DockerAsync("network", "create", network)).Ok();
        var db = Name("db");
        (await DockerAsync("run", "-d", "--name", db, "--network", network, "--network-alias", "dbhost", "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).Ok();
        var hostname = await HostnameOf(db);
        Assert.Equal(hostname, (await DockerAsync("run", "--rm", "--network", network, "busybox", "wget", "-qO-", $"http://{db}/hostname")).Ok().Stdout.Trim());
        Assert.Equal(hostname, (await DockerAsync("run", "--rm", "--network", network, "busybox", "wget", "-qO-", "http://dbhost/hostname")).Ok().Stdout.Trim());
        Assert.Contains("nameserver 127.0.0.11", (await DockerAsync("run", "--rm", "--network", network, "busybox", "cat", "/etc/resolv.conf")).Ok().Stdout);
        var inspect = (await DockerAsync("network", "inspect", network)).Ok().Stdout;
        Assert.Contains(db, inspect);
        Assert.Contains(network, (await DockerAsync("network", "ls")).Ok().Stdout);
        var busy = await DockerAsync("network", "rm", network);
        Assert.Contains("has active endpoints", busy.Stderr);
        (await DockerAsync("rm", "-f", db)).Ok();
        (await DockerAsync("network", "rm", network)).Ok();
        Assert.Contains("not found", (await DockerAsync("network", "inspect", network)).Stderr);
    }

    [Fact]
    public async Task Network_none_and_host()
    {
        var links = (await DockerAsync("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link")).Ok().Stdout;
        Assert.Contains("lo", links);
        Assert.DoesNotContain("eth0", links);
        Assert.Equal(Environment.MachineName, (await DockerAsync("run", "--rm", "--network", "host", "busybox", "hostname")).Ok().Stdout.Trim());
        Assert.Contains("10.1.2.3\tsomehost", (await DockerAsync("run", "--rm", "--add-host", "somehost:10.1.2.3", "busybox", "cat", "/etc/hosts")).Ok().Stdout);
    }
}
