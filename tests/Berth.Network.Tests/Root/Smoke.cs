using System.Diagnostics;
using Berth.Network.Bridge;
using Berth.Network.Namespaces;
using Berth.Network.Netlink;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

public sealed class Smoke(ITestOutputHelper output)
{
    [Fact]
    public async Task NetnsAndVeth()
    {
        Requires.Root();
        var dir = Path.Combine(Path.GetTempPath(), "brt-smoke");
        var store = new NetnsDirectory(dir);
        var sw = Stopwatch.StartNew();
        var path = await store.CreateAsync("a");
        output.WriteLine($"netns {sw.Elapsed.TotalMilliseconds}");
        var driver = new BridgeDriver(new NetworkNaming { Tag = "brtsmoke" });
        driver.EnsureBridge("brtsmoke0", InterfaceAddress.Parse("172.30.0.1/16"));
        sw.Restart();
        var ep = await driver.ConnectAsync(new EndpointRequest("c1", path, "brtsmoke0", InterfaceAddress.Parse("172.30.0.2/16"), System.Net.IPAddress.Parse("172.30.0.1")));
        output.WriteLine($"connect {sw.Elapsed.TotalMilliseconds} {ep}");
        using (var inside = await NetlinkConnection.OpenInAsync(path))
        {
            foreach (var l in inside.ListLinks()) output.WriteLine(l.ToString());
            foreach (var a in inside.ListAddresses()) output.WriteLine(a.ToString());
            foreach (var r in inside.ListRoutes()) output.WriteLine(r.ToString());
        }
        foreach (var l in driver.ListEndpointLinks()) output.WriteLine(l.ToString());
        driver.Disconnect(ep);
        BridgeDriver.RemoveBridge("brtsmoke0");
        store.Delete("a");
    }
}
