using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>Freeing an exited container's runtime state in the background (root only).</summary>
[Collection(RootRuntimeCollection.Name)]
public sealed class CliRuntimeReleaseTests(RuntimeFixture fixture)
{
    [RequiresRootTheory]
    [MemberData(nameof(CliRuntimeTests.Runtimes), MemberType = typeof(CliRuntimeTests))]
    public async Task A_release_removes_the_state_and_the_cgroup(string name)
    {
        Root.Require();
        var runtime = fixture.Runtime(name);
        var spec = fixture.Container("true");
        await using (var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
        {
            await process.Exited.WaitAsync(Streams.Timeout);
        }

        await runtime.ReleaseAsync(spec.Id).WaitAsync(Streams.Timeout, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(Path.Combine(runtime.StateRoot, spec.Id)));
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/{fixture.CgroupParent}/{spec.Id}"));
    }

    [RequiresRootTheory]
    [MemberData(nameof(CliRuntimeTests.Runtimes), MemberType = typeof(CliRuntimeTests))]
    public async Task The_same_container_runs_again_while_its_last_run_is_still_being_released(string name)
    {
        Root.Require();
        var runtime = fixture.Runtime(name);
        var spec = fixture.Container("sh", "-c", "echo run");
        for (var i = 0; i < 3; i++)
        {
            await using (var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
            {
                Assert.Equal("run\n", await Streams.ReadAllAsync(process.Stdout));
                Assert.Equal(ExitStatus.FromExitCode(0), await process.Exited.WaitAsync(Streams.Timeout));
            }

            _ = runtime.ReleaseAsync(spec.Id);
        }

        await runtime.DrainReleasesAsync().WaitAsync(Streams.Timeout, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(Path.Combine(runtime.StateRoot, spec.Id)));
    }

    [RequiresRootTheory]
    [MemberData(nameof(CliRuntimeTests.Runtimes), MemberType = typeof(CliRuntimeTests))]
    public async Task State_left_by_a_daemon_that_died_before_releasing_is_known_to_the_next_one(string name)
    {
        Root.Require();
        using var stateRoot = new TempDir();
        var before = fixture.Runtime(name);
        var died = new CliRuntime(before.Flavor, before.Path, stateRoot.Path, fixture.CgroupParent);
        var spec = fixture.Container("true");
        await using (var process = await died.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
        {
            await process.Exited.WaitAsync(Streams.Timeout);
        }

        var next = new CliRuntime(before.Flavor, before.Path, stateRoot.Path, fixture.CgroupParent);
        Assert.Equal([spec.Id], next.KnownContainers());
        await next.DeleteAsync(spec.Id, force: true, TestContext.Current.CancellationToken);
        Assert.Empty(next.KnownContainers());
        Assert.Empty(Directory.EnumerateDirectories(stateRoot.Path));
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/{fixture.CgroupParent}/{spec.Id}"));
    }
}
