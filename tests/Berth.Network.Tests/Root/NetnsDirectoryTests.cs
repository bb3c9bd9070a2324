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
    public void DeletingBeforeAnyNamespaceWasMadeIsNothingToRemove()
    {
        Requires.Root();
        var missing = new NetnsDirectory(Path.Combine(Path.GetTempPath(), "berth-no-netns-" + Guid.NewGuid().ToString("N")));
        Assert.False(missing.Delete("c1"));
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
    public async Task WorkRunsInsideTheNamespaceOnItsOwnThreadAndTheCallerStaysOut()
    {
        await using var host = new TestHost();
        var path = await host.Namespaces.CreateAsync("c1");
        var before = Netns();

        var first = await NetworkNamespace.RunAsync(path, () => (Netns: Netns(), Thread: Environment.CurrentManagedThreadId));
        var second = await NetworkNamespace.RunAsync(path, Netns);

        Assert.NotEqual(before, first.Netns);
        Assert.Equal(first.Netns, second);
        Assert.NotEqual(Environment.CurrentManagedThreadId, first.Thread);
        Assert.Equal(before, Netns());
    }

    /// <summary>The calling thread's network namespace, "net:[inode]".</summary>
    private static string Netns() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;
}
