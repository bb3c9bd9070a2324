namespace Berth.Linux.Tests;

public sealed class BackgroundTasksTests
{
    [Fact]
    public async Task Drain_waits_for_work_under_way_and_does_not_throw_for_work_that_failed()
    {
        var tasks = new BackgroundTasks();
        var release = new TaskCompletionSource();
        var done = false;
        tasks.Run(async () =>
        {
            await release.Task;
            done = true;
        });
        tasks.Run(() => throw new InvalidOperationException("failed in the background"));

        var drain = tasks.DrainAsync();
        Assert.False(drain.IsCompleted);
        release.SetResult();
        await drain.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(done);
        await tasks.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
