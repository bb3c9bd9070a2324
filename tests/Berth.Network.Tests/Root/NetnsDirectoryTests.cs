using Berth.Network.Namespaces;
using Berth.Network.Netlink;
using Berth.Network.Tests.Support;

namespace Berth.Network.Tests.Root;

[Collection(RootCollection.Name)]
public sealed class NetnsDirectoryTests
{
    [Fact]
    public async Task ANamespaceIsPersistentWithLoopbackUpAndGoesAwayWhenDeleted()
    {
        await using var host = new TestHost();

        var path = await host.Namespaces.CreateAsync("c1");
        var again = await host.Namespaces.CreateAsync("c1");

        Assert.Equal(path, again);
        Assert.Equal(1, host.CountNamespaceMounts());
        Assert.Equal(["c1"], host.Namespaces.List());
        using (var inside = await NetlinkConnection.OpenInAsync(path))
        {
            var loopback = Assert.Single(inside.ListLinks());
            Assert.Equal("lo", loopback.Name);
            Assert.True(loopback.IsUp);
        }

        Assert.True(host.Namespaces.Delete("c1"));
        Assert.False(host.Namespaces.Delete("c1"));
        Assert.Equal(0, host.CountNamespaceMounts());
        Assert.Empty(host.Namespaces.List());
    }

    [Fact]
    public async Task AHalfMadeNamespaceIsFinishedByCreatingAgainOrSwept()
    {
        await using var host = new TestHost();
        Directory.CreateDirectory(host.Namespaces.Path);
        await File.WriteAllBytesAsync(host.Namespaces.PathOf("half"), []);
        await File.WriteAllBytesAsync(host.Namespaces.PathOf("orphan"), []);

        await host.Namespaces.CreateAsync("half");
        await host.Namespaces.CreateAsync("kept");
        var swept = host.Namespaces.Sweep(id => id == "kept");

        Assert.Equal(["half", "orphan"], swept);
        Assert.Equal(["kept"], host.Namespaces.List());
        Assert.Equal(1, host.CountNamespaceMounts());
    }

    [Fact]
    public async Task WorkRunsInsideTheNamespaceOnlyOnItsOwnThread()
    {
        await using var host = new TestHost();
        var path = await host.Namespaces.CreateAsync("c1");
        var ours = await File.ReadAllTextAsync("/proc/thread-self/comm");

        var inside = await NetworkNamespace.RunAsync(path, () => (Netns: Inode("/proc/thread-self/ns/net"), Thread: Environment.CurrentManagedThreadId));

        Assert.Equal(Inode(path), inside.Netns);
        Assert.NotEqual(Inode(path), Inode("/proc/thread-self/ns/net"));
        Assert.NotEqual(Environment.CurrentManagedThreadId, inside.Thread);
        Assert.NotNull(ours);
    }

    private static string Inode(string path) => new FileInfo(path).LinkTarget ?? Mono.Unix.Inode(path);
}
