using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.IntegrationTests.Support;
using Berth.Network.Namespaces;

namespace Berth.IntegrationTests.Network;

/// <summary>UDP ports, --ip/--dns on user networks, connect/disconnect, and cleanup after many containers at once.</summary>
public sealed class NetworkOptionsTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Fact]
    public async Task A_published_udp_port_reaches_the_container()
    {
        var name = Name("udp");
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        probe.Dispose();
        (await DockerAsync("run", "-d", "--name", name, "-p", $"127.0.0.1:{port}:5353/udp", "busybox", "sleep", "300")).Ok();
        var pid = (await DockerAsync("inspect", "-f", "{{.State.Pid}}", name)).Ok().Stdout.Trim();

        // busybox has no UDP server: the test serves one from inside the container's network namespace
        using var server = await NetworkNamespace.RunAsync($"/proc/{pid}/ns/net", () => new UdpClient(new IPEndPoint(IPAddress.Any, 5353)));
        var echo = Task.Run(async () =>
        {
            var request = await server.ReceiveAsync();
            await server.SendAsync(Encoding.ASCII.GetBytes("pong:" + Encoding.ASCII.GetString(request.Buffer)), request.RemoteEndPoint);
        });

        using var client = new UdpClient();
        await client.SendAsync(Encoding.ASCII.GetBytes("ping"), new IPEndPoint(IPAddress.Loopback, port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await client.ReceiveAsync(timeout.Token);
        Assert.Equal("pong:ping", Encoding.ASCII.GetString(answer.Buffer));
        await echo;
        Assert.Equal($"127.0.0.1:{port}", (await DockerAsync("port", name, "5353/udp")).Ok().Stdout.Trim());
        (await DockerAsync("rm", "-f", name)).Ok();
    }

    [Fact]
    public async Task User_networks_take_ip_dns_and_connect_disconnect()
    {
        var network = Name("opts");
        var octet = Random.Shared.Next(10, 250);
        (await DockerAsync("network", "create", "--subnet", $"10.201.{octet}.0/24", "--gateway", $"10.201.{octet}.254", network)).Ok();
        try
        {
            Assert.Equal($"10.201.{octet}.254", (await DockerAsync("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", network)).Ok().Stdout.Trim());
            var fixedIp = $"10.201.{octet}.50";
            var seen = (await DockerAsync("run", "--rm", "--network", network, "--ip", fixedIp, "--dns", "10.9.9.9", "busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route; cat /etc/resolv.conf")).Ok().Stdout;
            Assert.Contains($"inet {fixedIp}/24", seen);
            Assert.Contains($"default via 10.201.{octet}.254", seen);
            Assert.Contains("nameserver 127.0.0.11", seen);
            Assert.Contains("ExtServers: [10.9.9.9]", seen);
            var refused = await DockerAsync("run", "--rm", "--ip", "172.17.0.77", "busybox", "true");
            Assert.Contains("user specified IP address is supported only when connecting to networks with user configured subnets", refused.Stderr);

            var box = Name("box");
            (await DockerAsync("run", "-d", "--name", box, "busybox", "sleep", "300")).Ok();
            (await DockerAsync("network", "connect", "--alias", "boxalias", network, box)).Ok();
            Assert.Contains($"10.201.{octet}.", (await DockerAsync("exec", box, "ip", "-4", "-o", "addr", "show", "eth1")).Ok().Stdout);
            var lookup = (await DockerAsync("run", "--rm", "--network", network, "busybox", "nslookup", "boxalias")).Ok().Stdout;
            Assert.Contains($"10.201.{octet}.", lookup);
            Assert.Contains(network, (await DockerAsync("inspect", "-f", "{{json .NetworkSettings.Networks}}", box)).Ok().Stdout);
            (await DockerAsync("network", "disconnect", network, box)).Ok();
            Assert.DoesNotContain("eth1", (await DockerAsync("exec", box, "ip", "-o", "link")).Ok().Stdout);
            Assert.DoesNotContain(network, (await DockerAsync("inspect", "-f", "{{json .NetworkSettings.Networks}}", box)).Ok().Stdout);
            (await DockerAsync("rm", "-f", box)).Ok();
        }
        finally
        {
            await DockerAsync("network", "rm", network);
        }
    }

    [Fact]
    public async Task Removing_a_hundred_containers_at_once_leaves_no_veth_rule_lease_or_namespace()
    {
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, 100).Chunk(10))
        {
            var started = await Task.WhenAll(batch.Select(i => DockerAsync("run", "-d", "--name", Name("many" + i), "-p", "80", "busybox", "sleep", "300")));
            ids.AddRange(started.Select(r => r.Ok().Stdout.Trim()));
        }

        Assert.Equal(100, NetworkProbes.VethsOf(Daemon, ids));
        Assert.Equal("100", (await DockerAsync("network", "inspect", "-f", "{{len .Containers}}", "bridge")).Ok().Stdout.Trim());
        (await DockerAsync(["rm", "-f", .. ids])).Ok();

        await Eventually.TrueAsync(() => Task.FromResult(NetworkProbes.VethsOf(Daemon, ids) == 0), TimeSpan.FromSeconds(30));
        Assert.Equal(0, await NetworkProbes.RulesOfAsync(ids));
        Assert.Equal("0", (await DockerAsync("network", "inspect", "-f", "{{len .Containers}}", "bridge")).Ok().Stdout.Trim());
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(Daemon.DataRoot + "/runtime/netns", StringComparison.Ordinal));
    }
}
