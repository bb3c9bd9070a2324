using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

/// <summary>
/// Waiting for processes that become our children only later, as a container's init does: it is the
/// runtime's grandchild until the runtime exits, and we, a subreaper, inherit it then.
/// </summary>
public sealed class ChildReaperTests
{
    public ChildReaperTests() => Subreaper.Ensure();

    [Fact]
    public async Task A_grandchild_that_exits_before_it_is_ours_is_reaped_once_its_parent_is_gone()
    {
        // the grandchild exits while its parent, exec'd into sleep, lives on and never reaps it
        var (parent, output) = SpawnWithOutput("busybox sh -c 'busybox sleep 0.1; exit 3' & echo $!; exec busybox sleep 0.5");
        using (parent)
        using (output)
        {
            var pid = int.Parse((await output.ReadLineAsync(TestContext.Current.CancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
            using var grandchild = ChildProcess.Adopt(pid);

            // waitid fails with ECHILD until sleep exits; the reparenting's SIGCHLD resumes the wait
            Assert.Equal(new WaitStatus(3, null), await grandchild.WaitForExitAsync());
            Assert.Equal(new WaitStatus(0, null), await parent.WaitForExitAsync());
        }
    }

    [Fact]
    public async Task A_grandchild_orphaned_while_running_is_ours_when_it_exits()
    {
        ChildProcess grandchild;
        using (StrayReaper.Hold())
        {
            // its parent exits at once, so it is ours while it still sleeps
            var (parent, output) = SpawnWithOutput("busybox sh -c 'busybox sleep 0.2; exit 4' & echo $!");
            using (parent)
            using (output)
            {
                var pid = int.Parse((await output.ReadLineAsync(TestContext.Current.CancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
                await parent.WaitForExitAsync();
                grandchild = ChildProcess.Adopt(pid);
            }
        }

        using (grandchild)
        {
            Assert.Equal(new WaitStatus(4, null), await grandchild.WaitForExitAsync());
        }
    }

    [Fact]
    public async Task Strays_nobody_watches_are_reaped()
    {
        var (parent, output) = SpawnWithOutput("busybox sleep 0.1 & echo $!");
        using (parent)
        using (output)
        {
            var pid = (await output.ReadLineAsync(TestContext.Current.CancellationToken))!;
            await parent.WaitForExitAsync();
            Assert.True(await Eventually(() => !Directory.Exists("/proc/" + pid)), $"stray {pid} was never reaped");
        }
    }

    [Fact]
    public async Task A_hold_keeps_strays_until_released()
    {
        string pid;
        using (StrayReaper.Hold())
        {
            var (parent, output) = SpawnWithOutput("busybox sleep 0.05 & echo $!");
            using (parent)
            using (output)
            {
                pid = (await output.ReadLineAsync(TestContext.Current.CancellationToken))!;
                await parent.WaitForExitAsync();
            }

            Assert.True(await Eventually(() => State(pid) == "Z"), $"{pid} should be a zombie while held");
        }

        Assert.True(await Eventually(() => !Directory.Exists("/proc/" + pid)), $"stray {pid} was never reaped");
    }

    [Fact]
    public async Task Children_of_system_diagnostics_process_are_never_strays()
    {
        using var theirs = System.Diagnostics.Process.Start(Busybox.Path, ["sleep", "5"]);
        var (ours, output) = SpawnWithOutput("exec busybox sleep 5");
        using (ours)
        using (output)
        {
            try
            {
                Assert.False(StrayReaper.IsStray(theirs.Id));
                Assert.False(StrayReaper.IsStray(ours.Pid));
                StrayReaper.Unwatch(ours.Pid);
                Assert.True(StrayReaper.IsStray(ours.Pid));
            }
            finally
            {
                StrayReaper.Watch(ours.Pid);
                theirs.Kill();
                PidFd.SendSignal(ours.PidFd, 9);
            }

            await ours.WaitForExitAsync();
        }

        theirs.WaitForExit();
        Assert.Equal(137, theirs.ExitCode);
    }

    private static (ChildProcess Child, StreamReader Output) SpawnWithOutput(string script)
    {
        var (read, write) = Pipe.Create();
        using var stdin = Descriptors.OpenDevNull(write: false);
        using var stderr = Descriptors.OpenDevNull(write: true);
        using (write)
        {
            var child = Spawner.Spawn(Busybox.Path, ["sh", "-c", script], Busybox.Environment, stdin, write, stderr);
            return (child, new StreamReader(new PollableStream(read, null)));
        }
    }

    private static string? State(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
